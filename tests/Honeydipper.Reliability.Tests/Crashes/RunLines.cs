using System.Text.RegularExpressions;

namespace Honeydipper.Reliability.Tests.Crashes;

/// <summary>The run table <c>honeydipper local</c> prints: which runs it saw succeed.</summary>
internal static partial class RunLines
{
    public static List<string> Succeeded(string output) => [.. SucceededLine().Matches(output).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"run (\d+)\s+\S.*?\s+Succeeded")]
    private static partial Regex SucceededLine();
}
