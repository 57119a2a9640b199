using System.Runtime.CompilerServices;

// Same shadowing as FactAttribute: each data row inherits the theory's time limit.
namespace TeamsItBot.Tests;

/// <summary>xUnit's [Theory] with <see cref="TestTimeouts.Default"/> per row unless the test sets its own Timeout.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class TheoryAttribute : Xunit.TheoryAttribute
{
    public TheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Timeout = TestTimeouts.Default;
}
