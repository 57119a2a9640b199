namespace TeamsItBot.Tests.Testing;

/// <summary>Test classes in this collection share one <see cref="PostgresServer"/>, started on first use.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
