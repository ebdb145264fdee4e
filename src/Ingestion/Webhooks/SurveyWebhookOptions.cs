using System.ComponentModel.DataAnnotations;

namespace Analytics.Ingestion.Webhooks;

/// <summary>How survey tools' webhooks map onto survey answers (section <c>Surveys</c>; docs/customer-voice.md).</summary>
public sealed class SurveyWebhookOptions
{
    public const string Section = "Surveys";

    /// <summary>Typeform's <c>form_response</c> webhook.</summary>
    public TypeformOptions Typeform { get; set; } = new();

    /// <summary>Delighted's <c>survey_response</c> webhook.</summary>
    public DelightedOptions Delighted { get; set; } = new();
}

/// <summary>Which answers of a typeform are the score, the comment, the email and the account (a field's ref or id, a hidden field's name).</summary>
public class TypeformMapping
{
    /// <summary>The survey the answers are: <c>nps</c> (score 0–10) or <c>csat</c> (1–5). Default is <c>nps</c>.</summary>
    [RegularExpression("^(nps|csat)$")]
    public string? Survey { get; set; }

    /// <summary>The number field that is the score; default the first answer to an <c>nps</c> or <c>opinion_scale</c> field.</summary>
    public string? ScoreField { get; set; }

    /// <summary>The text field that is the comment; default the first answer to a <c>long_text</c> field.</summary>
    public string? CommentField { get; set; }

    /// <summary>The email field of the respondent; default the first answer to an <c>email</c> field.</summary>
    public string? EmailField { get; set; }

    /// <summary>The hidden field holding the respondent's email, used when no email field was answered. Default is <c>email</c>.</summary>
    public string? EmailHiddenField { get; set; }

    /// <summary>The hidden field holding the account id. Default is <c>account_id</c>.</summary>
    public string? AccountHiddenField { get; set; }

    /// <summary>The hidden field holding the respondent's segment. Default is <c>segment</c>.</summary>
    public string? SegmentHiddenField { get; set; }
}

/// <summary>Typeform: the signing secret, the mapping of every form, and per-form mappings by form id that override it.</summary>
public sealed class TypeformOptions : TypeformMapping
{
    /// <summary>
    /// The webhook's secret: when set, a request's <c>Typeform-Signature</c> must be <c>sha256=</c> and the base64
    /// HMAC-SHA256 of the raw body with it, else 401. Default is none (not checked).
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Mappings of single forms, by form id; what one leaves unset comes from the mapping above.</summary>
    public Dictionary<string, TypeformMapping> Forms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The mapping of a form: its own settings over the shared ones.</summary>
    public TypeformMapping For(string? formId)
    {
        var own = formId is not null && Forms.TryGetValue(formId, out var form) ? form : new TypeformMapping();
        return new TypeformMapping
        {
            Survey = own.Survey ?? Survey ?? "nps",
            ScoreField = own.ScoreField ?? ScoreField,
            CommentField = own.CommentField ?? CommentField,
            EmailField = own.EmailField ?? EmailField,
            EmailHiddenField = own.EmailHiddenField ?? EmailHiddenField ?? "email",
            AccountHiddenField = own.AccountHiddenField ?? AccountHiddenField ?? "account_id",
            SegmentHiddenField = own.SegmentHiddenField ?? SegmentHiddenField ?? "segment",
        };
    }
}

/// <summary>Delighted: which person properties name the account and the segment.</summary>
public sealed class DelightedOptions
{
    /// <summary>The person property holding the account id. Default is <c>account_id</c>.</summary>
    [Required]
    public string AccountProperty { get; set; } = "account_id";

    /// <summary>The person property holding the segment. Default is <c>segment</c>.</summary>
    [Required]
    public string SegmentProperty { get; set; } = "segment";
}
