using System.Net;
using System.Text.Json;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Hosting;

/// <summary>AllowedTenantIds: activities of other tenants are refused with 403 before any turn runs.</summary>
public sealed class TenantFilterTests
{
    private const string ServiceUrl = "http://127.0.0.1:9/";

    [Theory]
    [InlineData("contoso-tenant", HttpStatusCode.OK)]
    [InlineData("CONTOSO-TENANT", HttpStatusCode.OK)]
    [InlineData("fabrikam-tenant", HttpStatusCode.OK)]
    [InlineData("evil-tenant", HttpStatusCode.Forbidden)]
    public async Task Conversation_tenant_is_checked(string tenant, HttpStatusCode expected)
    {
        var activity = TestActivities.Message(ServiceUrl);
        activity.Conversation!.TenantId = tenant;
        activity.ChannelData = null;

        var (status, turns) = await PostAsync(activity, ("AllowedTenantIds:0", "contoso-tenant"), ("AllowedTenantIds:1", "fabrikam-tenant"));

        Assert.Equal(expected, status);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, turns);
    }

    [Theory]
    [InlineData("contoso-tenant", HttpStatusCode.OK)]
    [InlineData("evil-tenant", HttpStatusCode.Forbidden)]
    public async Task Channel_data_tenant_is_checked_when_the_conversation_has_none(string tenant, HttpStatusCode expected)
    {
        var activity = TestActivities.Message(ServiceUrl);
        activity.Conversation!.TenantId = null;
        activity.ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = tenant } });

        var (status, turns) = await PostAsync(activity, ("AllowedTenantIds:0", "contoso-tenant"));

        Assert.Equal(expected, status);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, turns);
    }

    [Theory]
    [InlineData("contoso-tenant", "evil-tenant")]
    [InlineData("evil-tenant", "contoso-tenant")]
    public async Task Either_tenant_outside_the_list_is_refused(string conversationTenant, string channelDataTenant)
    {
        var activity = TestActivities.Message(ServiceUrl);
        activity.Conversation!.TenantId = conversationTenant;
        activity.ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = channelDataTenant } });

        var (status, turns) = await PostAsync(activity, ("AllowedTenantIds:0", "contoso-tenant"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(0, turns);
    }

    [Fact]
    public async Task Activity_without_any_tenant_is_refused_when_a_list_is_set()
    {
        var activity = TestActivities.Message(ServiceUrl);
        activity.Conversation!.TenantId = null;
        activity.ChannelData = null;

        var (status, _) = await PostAsync(activity, ("AllowedTenantIds:0", "contoso-tenant"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Theory]
    [InlineData("evil-tenant, contoso-tenant", "contoso-tenant", HttpStatusCode.OK)]
    [InlineData("contoso-tenant;fabrikam-tenant", "fabrikam-tenant", HttpStatusCode.OK)]
    [InlineData("contoso-tenant,fabrikam-tenant", "other-tenant", HttpStatusCode.Forbidden)]
    public async Task Comma_separated_environment_style_value_is_understood(string setting, string tenant, HttpStatusCode expected)
    {
        var activity = TestActivities.Message(ServiceUrl);
        activity.Conversation!.TenantId = tenant;
        activity.ChannelData = null;

        var (status, _) = await PostAsync(activity, ("AllowedTenantIds", setting));

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task Every_tenant_is_served_when_no_list_is_set()
    {
        var activity = TestActivities.Message(ServiceUrl);
        activity.Conversation!.TenantId = "any-tenant";

        var (status, turns) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, turns);
    }

    [Fact]
    public async Task Refusal_is_a_problem_document_and_is_logged()
    {
        var activity = TestActivities.Message(ServiceUrl);
        activity.Conversation!.TenantId = "evil-tenant";
        var bot = new DelegateBot();
        await using var host = new BotApplicationFactory(bot);
        host.Settings["AllowedTenantIds"] = "contoso-tenant";

        using var response = await host.PostActivityAsync(activity, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(host.Logs.Entries, e => e.Message.Contains("evil-tenant", StringComparison.Ordinal) && Equals(e["ActivityId"], activity.Id));
    }

    private static async Task<(HttpStatusCode Status, int Turns)> PostAsync(Activity activity, params (string Key, string Value)[] settings)
    {
        var bot = new DelegateBot();
        await using var host = new BotApplicationFactory(bot);
        foreach (var (key, value) in settings)
        {
            host.Settings[key] = value;
        }

        using var response = await host.PostActivityAsync(activity, TestContext.Current.CancellationToken);
        return (response.StatusCode, bot.Turns);
    }
}
