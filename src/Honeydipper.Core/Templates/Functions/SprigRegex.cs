using System.Text;
using Honeydipper.Core.Matching;
using Honeydipper.Core.Values;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>sprig's regex functions over Go (RE2) patterns; see <see cref="GoRegex"/>. Patterns are compiled once and cached.</summary>
internal static class SprigRegex
{
    public static IEnumerable<TemplateFunction> All() =>
    [
        F("regexMatch", [S, S], a => GoRegex.TryCompile((string)a[0]!, out GoRegex? r, out _) && r.IsMatch((string)a[1]!)),
        F("mustRegexMatch", [S, S], a => Compile((string)a[0]!, must: true).IsMatch((string)a[1]!)),
        F("regexFindAll", [S, S, I], a => Strings(Compile((string)a[0]!, must: false).FindAll((string)a[1]!, (int)a[2]!))),
        F("mustRegexFindAll", [S, S, I], a => Strings(Compile((string)a[0]!, must: true).FindAll((string)a[1]!, (int)a[2]!))),
        F("regexFind", [S, S], a => Compile((string)a[0]!, must: false).Find((string)a[1]!)),
        F("mustRegexFind", [S, S], a => Compile((string)a[0]!, must: true).Find((string)a[1]!)),
        F("regexReplaceAll", [S, S, S], a => Compile((string)a[0]!, must: false).ReplaceAll((string)a[1]!, (string)a[2]!)),
        F("mustRegexReplaceAll", [S, S, S], a => Compile((string)a[0]!, must: true).ReplaceAll((string)a[1]!, (string)a[2]!)),
        F("regexReplaceAllLiteral", [S, S, S], a => Compile((string)a[0]!, must: false).ReplaceAllLiteral((string)a[1]!, (string)a[2]!)),
        F("mustRegexReplaceAllLiteral", [S, S, S], a => Compile((string)a[0]!, must: true).ReplaceAllLiteral((string)a[1]!, (string)a[2]!)),
        F("regexSplit", [S, S, I], a => Strings(Compile((string)a[0]!, must: false).Split((string)a[1]!, (int)a[2]!))),
        F("mustRegexSplit", [S, S, I], a => Strings(Compile((string)a[0]!, must: true).Split((string)a[1]!, (int)a[2]!))),
        F("regexQuoteMeta", [S], a => QuoteMeta((string)a[0]!)),
    ];

    /// <summary>
    /// Compiles a pattern. The plain forms use Go's MustCompile, whose panic text names the pattern; the must forms return
    /// the compile error itself.
    /// </summary>
    private static GoRegex Compile(string pattern, bool must)
    {
        if (GoRegex.TryCompile(pattern, out GoRegex? regex, out string? error))
        {
            return regex;
        }

        throw new InvalidOperationException(must ? error : $"regexp: Compile({QuoteForCompile(pattern)}): {error}");
    }

    private static string QuoteForCompile(string pattern) =>
        pattern.Contains('`', StringComparison.Ordinal) ? GoStrings.Quote(pattern) : "`" + pattern + "`";

    private static GoTypedList Strings(List<string>? items) => new("string", items?.Select(s => (object?)s) ?? []);

    private static string QuoteMeta(string s)
    {
        StringBuilder sb = new(s.Length * 2);
        foreach (char c in s)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
