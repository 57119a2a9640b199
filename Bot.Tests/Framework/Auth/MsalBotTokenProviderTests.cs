using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Auth;
using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Tests.Framework.Auth;

public sealed class MsalBotTokenProviderTests
{
    private const string AppId = "0b7f2a4c-3d6e-4f81-9a2b-5c6d7e8f9012";
    private const string TenantId = "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e";

    [Fact]
    public void Multi_tenant_bot_uses_the_botframework_com_authority()
    {
        var provider = Create("MultiTenant", tenantId: null);

        Assert.Equal(new BotTokenClientPlan(BotTokenClientKind.ClientSecret, AppId, "https://login.microsoftonline.com/botframework.com"), provider.Plan);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/", provider.ConfidentialClient!.Authority);
        Assert.Equal(AppId, provider.ConfidentialClient.AppConfig.ClientId);
        Assert.Null(provider.ManagedIdentityClient);
    }

    [Fact]
    public void Single_tenant_bot_uses_its_own_tenant_authority()
    {
        var provider = Create("SingleTenant", TenantId);

        Assert.Equal(new BotTokenClientPlan(BotTokenClientKind.ClientSecret, AppId, $"https://login.microsoftonline.com/{TenantId}"), provider.Plan);
        Assert.Equal($"https://login.microsoftonline.com/{TenantId}/", provider.ConfidentialClient!.Authority);
    }

    [Fact]
    public void User_assigned_managed_identity_uses_the_app_id_as_client_id()
    {
        var provider = Create("UserAssignedMSI", TenantId, password: null);

        Assert.Equal(new BotTokenClientPlan(BotTokenClientKind.ManagedIdentity, AppId, null), provider.Plan);
        Assert.NotNull(provider.ManagedIdentityClient);
        Assert.Null(provider.ConfidentialClient);
    }

    [Fact]
    public void Scope_is_the_bot_framework_default_scope() =>
        Assert.Equal("https://api.botframework.com/.default", MsalBotTokenProvider.Scope);

    private static MsalBotTokenProvider Create(string appType, string? tenantId, string? password = "not-a-real-secret") =>
        new(Options.Create(new BotFrameworkOptions
        {
            MicrosoftAppId = AppId,
            MicrosoftAppPassword = password,
            MicrosoftAppTenantId = tenantId,
            MicrosoftAppType = appType,
        }), NullLogger<MsalBotTokenProvider>.Instance);
}
