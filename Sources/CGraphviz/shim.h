// pkg-config libgvc puts /usr/include/graphviz on the include path; gvc.h brings cgraph.h.
#include <gvc.h>
