using System.Globalization;
using System.Text.RegularExpressions;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Matching;

/// <summary>
/// A compiled match skeleton (<c>if_match</c>, <c>unless_match</c>, a trigger's collapsed <c>match</c>), semantics §4:
/// only strings match (exactly, or by an unanchored <c>:regex:</c>); a list matches if any element does (or, led by
/// <c>:all:</c>, if every element of an actual list matches the second item); a map requires every entry, with
/// <c>:present:</c>, <c>:absent:</c>, <c>:except:</c>, <c>key!</c> (negation) and <c>:auth:</c> (ignored). Compile once per
/// configuration; <see cref="Matches"/> allocates nothing and the object is immutable and thread-safe.
/// </summary>
public sealed class Criteria
{
    private readonly CriteriaNode _root;

    private Criteria(CriteriaNode root, IReadOnlyList<string> warnings)
    {
        _root = root;
        Warnings = warnings;
    }

    /// <summary>Matches everything (a null criteria).</summary>
    public static Criteria Any { get; } = new(NilNode.Instance, []);

    /// <summary>
    /// Problems found while compiling, e.g. an invalid <c>:regex:</c> (kept as a literal string, as the original does) or a
    /// number that can never match. Each names the path of the value inside the criteria.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Compiles a criteria tree: maps, lists, strings (<c>:regex:</c> strings become regexes), <see cref="Regex"/> values.</summary>
    public static Criteria Compile(object? criteria)
    {
        List<string> warnings = [];
        CriteriaNode root = CompileNode(criteria, "$", warnings);
        return new Criteria(root, warnings);
    }

    /// <summary>Go's <c>CompareAll(actual, criteria)</c>.</summary>
    public bool Matches(object? actual) => _root.MatchAll(actual);

    private static CriteriaNode CompileNode(object? value, string path, List<string> warnings)
    {
        switch (value)
        {
            case null:
                return NilNode.Instance;
            case string text when text.StartsWith(":regex:", StringComparison.Ordinal):
                if (GoRegex.TryCompile(text[7..], out GoRegex? compiled, out string? error))
                {
                    return new RegexNode(compiled.Regex);
                }

                warnings.Add($"{path}: skipping invalid regex pattern {text[7..]}: {error}; the value is compared as a plain string");
                return new StringNode(text);
            case string text:
                return new StringNode(text);
            case Regex regex:
                return new RegexNode(regex);
            case GoRegex goRegex:
                return new RegexNode(goRegex.Regex);
            case IList<object?> list:
                return CompileList(list, path, warnings);
            case IDictionary<string, object?> map:
                return CompileMap(map, path, warnings);
            case IReadOnlyDictionary<string, object?> map:
                return CompileMap(map.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), path, warnings);
            default:
                warnings.Add($"{path}: {GoValueFormatter.Format(value)} is a {GoTypes.TypeName(value)}; only strings match, so this "
                    + "criteria never matches (quote the value)");
                return OtherNode.Instance;
        }
    }

    private static ListNode CompileList(IList<object?> list, string path, List<string> warnings)
    {
        CriteriaNode[] items = new CriteriaNode[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            items[i] = CompileNode(list[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", warnings);
        }

        CriteriaNode? allTarget = null;
        if (list.Count > 0 && list[0] is ":all:")
        {
            if (list.Count < 2)
            {
                warnings.Add($"{path}: \":all:\" has no criteria after it; every element is accepted");
            }

            allTarget = list.Count > 1 ? items[1] : NilNode.Instance;
        }

        return new ListNode(items, allTarget);
    }

    private static MapNode CompileMap(IDictionary<string, object?> map, string path, List<string> warnings)
    {
        List<MapEntry> entries = [];
        foreach (KeyValuePair<string, object?> pair in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            string childPath = $"{path}.{pair.Key}";
            switch (pair.Key)
            {
                case ":auth:":
                    // Reserved by the original and ignored.
                    continue;
                case ":present:":
                    entries.Add(new MapEntry(EntryKind.Present, pair.Key, false, CompileNode(pair.Value, childPath, warnings)));
                    continue;
                case ":absent:":
                    entries.Add(new MapEntry(EntryKind.Absent, pair.Key, false, CompileNode(pair.Value, childPath, warnings)));
                    continue;
                case ":except:":
                    entries.Add(new MapEntry(EntryKind.Except, pair.Key, false, CompileNode(pair.Value, childPath, warnings)));
                    continue;
            }

            bool negate = pair.Key.Length > 0 && pair.Key[^1] == '!';
            string key = negate ? pair.Key[..^1] : pair.Key;
            entries.Add(new MapEntry(EntryKind.Key, key, negate, CompileNode(pair.Value, childPath, warnings)));
        }

        // Every entry must hold and none has side effects, so the cheap ones go first: a rule that fails on a plain string
        // never pays for its regexes.
        return new MapNode([.. entries.OrderBy(e => e.Cost)]);
    }
}
