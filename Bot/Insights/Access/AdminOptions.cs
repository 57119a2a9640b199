namespace TeamsItBot.Insights.Access;

/// <summary>
/// Section <c>Admin</c>: who may open <c>/admin</c>. In Development a local token (<see cref="Token"/>,
/// or a random one printed at start-up). Elsewhere Entra ID sign-in (OpenID Connect) for members of
/// <see cref="AllowedGroups"/> or holders of <see cref="AllowedRoles"/>.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Development only: the admin token; empty picks a random one at start-up.</summary>
    public string? Token { get; set; }

    /// <summary>Entra ID tenant of the admins (the app registration's directory).</summary>
    public string? TenantId { get; set; }

    /// <summary>The app registration used for sign-in; empty: no Entra sign-in (nobody gets in outside Development).</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Default https://login.microsoftonline.com/{TenantId}/v2.0.</summary>
    public string? Authority { get; set; }

    /// <summary>OpenID Connect response type: "code" (default, needs ClientSecret) or "id_token".</summary>
    public string ResponseType { get; set; } = "code";

    /// <summary>Object ids of Entra groups whose members are admins (the token's <c>groups</c> claim).</summary>
    public List<string> AllowedGroups { get; set; } = [];

    /// <summary>App roles that make an admin (the token's <c>roles</c> claim).</summary>
    public List<string> AllowedRoles { get; set; } = [];

    public bool EntraConfigured => !string.IsNullOrWhiteSpace(ClientId);

    public string EffectiveAuthority => string.IsNullOrWhiteSpace(Authority)
        ? $"https://login.microsoftonline.com/{TenantId}/v2.0"
        : Authority.TrimEnd('/');
}
