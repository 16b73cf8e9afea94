/// The public face of the checklist item-ID rule, for tools and tests.
public enum ChecklistAnswersShape {
    public static func isItemID(_ word: String) -> Bool { ChecklistAnswersReader.isItemID(word[...]) }
}
