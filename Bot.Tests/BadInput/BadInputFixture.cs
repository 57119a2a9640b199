namespace TeamsItBot.Tests.BadInput;

/// <summary>One running host shared by the cases of a test class (starting the app per case would dominate the run).</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public BadInputHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await BadInputHost.StartAsync();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
