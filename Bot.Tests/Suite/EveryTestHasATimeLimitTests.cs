using System.Reflection;
using Xunit.v3;

namespace TeamsItBot.Tests.Suite;

/// <summary>
/// A regression must fail, not hang: every test method carries a time limit. A test outside the
/// TeamsItBot.Tests namespace, or written as [Xunit.Fact], would bypass the shadowing attributes.
/// </summary>
public sealed class EveryTestHasATimeLimitTests
{
    [Fact]
    public void Every_test_in_the_assembly_has_a_timeout()
    {
        var tests = typeof(EveryTestHasATimeLimitTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttributes(inherit: true).OfType<IFactAttribute>().SingleOrDefault()))
            .Where(t => t.Attribute is not null)
            .ToList();

        var untimed = tests.Where(t => t.Attribute!.Timeout <= 0).Select(t => $"{t.Method.DeclaringType!.FullName}.{t.Method.Name}").ToList();

        Assert.True(tests.Count > 300, $"only {tests.Count} test methods found");
        Assert.Empty(untimed);
    }
}
