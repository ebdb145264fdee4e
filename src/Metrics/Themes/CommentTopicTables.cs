using Analytics.Storage.Schema;

namespace Analytics.Metrics.Themes;

/// <summary>
/// What the themes query reads instead of comment texts (docs/customer-voice.md, "Themes"): each answer's analysis,
/// kept by <see cref="CommentTopicIndex"/> in the background, and the phrases of all comments.
/// </summary>
public static class CommentTopicTables
{
    private const string Time = "DateTime64(3, 'UTC')";

    /// <summary>
    /// One row per answer (its latest analysis wins, by <c>analysed_at</c>): the answer's own fields the themes query
    /// filters and counts by, its sentiment (1, 0, −1, or null in a language the model does not cover), its topic words
    /// (<c>token_*</c>, parallel arrays) and adjacent pairs (<c>pairs</c>, "key key", for finding phrases), and what it
    /// mentions (<c>topic_keys</c> with the words as written in <c>topic_surfaces</c>). <c>answer_version</c> is the
    /// answer's <c>updated_at</c>: an answer whose newer version is not analysed yet is found by it. Account and contact
    /// are kept so an erasure reaches the copy of the comment here too.
    /// </summary>
    public static readonly TableSpec CommentTopics = new(
        "comment_topics",
        [
            "survey LowCardinality(String)",
            "response_id String",
            $"answer_version {Time}",
            $"responded_at {Time}",
            "score UInt8",
            "comment String",
            "account_id String",
            "contact_id String",
            "segment LowCardinality(Nullable(String))",
            "sentiment Nullable(Int8)",
            "token_keys Array(String)",
            "token_surfaces Array(String)",
            "token_positions Array(UInt32)",
            "token_roles Array(UInt8)",
            "pairs Array(String)",
            "topic_keys Array(String)",
            "topic_surfaces Array(String)",
            "analysed_at DateTime64(6, 'UTC')",
        ],
        "ReplacingMergeTree(analysed_at)",
        "survey, response_id");

    /// <summary>The answers' copies here go with the answers when a contact or an account is erased.</summary>
    public static readonly PersonalDataTable PersonalData = new(
        CommentTopics.Name,
        "concat(survey, '/', response_id)",
        $"SELECT concat(survey, '/', response_id) FROM {CommentTopics.Name} WHERE contact_id = {{value:String}}",
        $"SELECT concat(survey, '/', response_id) FROM {CommentTopics.Name} WHERE account_id = {{value:String}}");

    /// <summary>
    /// The phrases of all comments as last computed (<see cref="PhraseFinder"/>), with the comments holding each (which
    /// decides between overlapping phrases): one row per computation, the newest is the one in force; the mentions in <see cref="CommentTopics"/> were made with it.
    /// </summary>
    public static readonly TableSpec CommentPhrases = new(
        "comment_phrases",
        [
            "computed_at DateTime64(6, 'UTC')",
            "phrases Array(String)",
            "comments Array(UInt64)",
        ],
        "MergeTree",
        "computed_at");
}
