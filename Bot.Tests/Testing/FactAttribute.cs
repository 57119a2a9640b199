using System.Runtime.CompilerServices;

// Deliberately the enclosing namespace of every test: a plain [Fact] in TeamsItBot.Tests.* binds to
// this attribute before the global "using Xunit", so every test gets a time limit without anyone
// having to remember it (EveryTestHasATimeLimitTests checks that none slipped past).
namespace TeamsItBot.Tests;

/// <summary>xUnit's [Fact] with <see cref="TestTimeouts.Default"/> unless the test sets its own Timeout.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FactAttribute : Xunit.FactAttribute
{
    public FactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Timeout = TestTimeouts.Default;
}
