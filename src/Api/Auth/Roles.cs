namespace Analytics.Api.Auth;

/// <summary>The roles an API key can hold and what each policy accepts: admin may do everything, sales sees what viewers see.</summary>
public static class Roles
{
    public const string Ingest = "ingest";
    public const string Viewer = "viewer";
    public const string Sales = "sales";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Ingest, Viewer, Sales, Admin];

    /// <summary>The roles that satisfy the policy named after <paramref name="role"/>.</summary>
    public static string[] Satisfying(string role) => role switch
    {
        Ingest => [Ingest, Admin],
        Viewer => [Viewer, Sales, Admin],
        Sales => [Sales, Admin],
        Admin => [Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };
}
