import DossierCLI

// Everything else is in DossierCLI, so the commands can be run and tested in-process.
Dossier.main()
