using System.ComponentModel.DataAnnotations;

namespace Analytics.Reports.Delivery;

/// <summary>The SMTP server reports are sent through (section <c>Smtp</c>); without <see cref="Host"/> they go to the outbox.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>The SMTP server's host name. Default is none: messages are written to the outbox folder.</summary>
    public string? Host { get; set; }

    /// <summary>The SMTP port. Default is 587.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>The sender address. Default is <c>reports@localhost</c>.</summary>
    [Required]
    public string From { get; set; } = "reports@localhost";

    /// <summary>
    /// <c>auto</c> (STARTTLS when the server offers it), <c>always</c> (refuse a server without it), <c>never</c>, or
    /// <c>ssl</c> (TLS from the first byte, port 465). Default is <c>auto</c>.
    /// </summary>
    [RegularExpression("^(auto|always|never|ssl)$")]
    public string StartTls { get; set; } = "auto";

    /// <summary>The user name to authenticate with; default none (no authentication).</summary>
    public string? Username { get; set; }

    /// <summary>The password to authenticate with.</summary>
    public string? Password { get; set; }

    /// <summary>Seconds one SMTP exchange may take. Default is 60.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 60;
}
