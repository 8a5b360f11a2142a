using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Api;

namespace Honeydipper.KubeApi.Emulator.Selectors;

/// <summary>The labelSelector query parameter: =, ==, !=, in, notin, key and !key, comma-separated and all required.</summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> requirements = [];

    private LabelSelector()
    {
    }

    public static LabelSelector Everything { get; } = new();

    public static LabelSelector Parse(string? text)
    {
        LabelSelector selector = new();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (string raw in SplitTopLevel(text))
        {
            string part = raw.Trim();
            selector.requirements.Add(ParseRequirement(part));
        }

        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        Dictionary<string, string> labels = new(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject map)
        {
            foreach ((string key, JsonNode? value) in map)
            {
                labels[key] = value?.GetValue<string>() ?? "";
            }
        }

        return requirements.All(r => r(labels));
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string part)
    {
        if (part.StartsWith('!'))
        {
            string key = part[1..].Trim();
            return labels => !labels.ContainsKey(key);
        }

        int setOp = FindWord(part, " notin ") is var notIn and >= 0 ? notIn : FindWord(part, " in ");
        if (setOp >= 0)
        {
            bool negate = part.AsSpan(setOp).TrimStart().StartsWith("notin", StringComparison.Ordinal);
            string key = part[..setOp].Trim();
            int open = part.IndexOf('(', StringComparison.Ordinal);
            int close = part.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                throw ApiException.BadRequest($"unable to parse requirement: found '{part}', expected: '('");
            }

            HashSet<string> values = [.. part[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
            return negate
                ? labels => !labels.TryGetValue(key, out string? v) || !values.Contains(v)
                : labels => labels.TryGetValue(key, out string? v) && values.Contains(v);
        }

        foreach (string op in new[] { "!=", "==", "=" })
        {
            int at = part.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                string key = part[..at].Trim();
                string value = part[(at + op.Length)..].Trim();
                return op == "!="
                    ? labels => !labels.TryGetValue(key, out string? v) || v != value
                    : labels => labels.TryGetValue(key, out string? v) && v == value;
            }
        }

        return labels => labels.ContainsKey(part);
    }

    private static int FindWord(string text, string word) => text.IndexOf(word, StringComparison.Ordinal);

    /// <summary>Splits on commas that are not inside the parentheses of an in/notin value set.</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
