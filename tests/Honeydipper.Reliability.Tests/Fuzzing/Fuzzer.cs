using System.Text;

namespace Honeydipper.Reliability.Tests.Fuzzing;

/// <summary>
/// A small seeded generator for property tests (no property-testing package is in the restore): every case is a
/// function of (seed, index), so a failure names the case that reproduces it. It mutates valid seeds — deleting,
/// duplicating and swapping lines, re-indenting, and splicing in tokens that YAML, templates and interpolation treat
/// specially — and also builds random documents from the configuration's own keywords.
/// </summary>
internal sealed class Fuzzer(int seed)
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ":", ": ", "- ", "-", "?", "&a", "*a", "!!binary", "!tag", "|", ">", "#", "'", "\"", "\t", "  ", "\n",
        "{{", "}}", "{{ .ctx.x }}", "{{ end }}", "{{ if }}", "{{ range .x }}", "$ctx.", "$event.", "$data.", "$ctx.a,\"b\"", "@:", "@:../../etc/passwd",
        ":regex:", ":regex:(", ":regex:[a-", "call_workflow:", "call_function:", "call_driver:", "steps:", "threads:", "switch:", "cases:",
        "if_match:", "unless_match:", "iterate:", "while:", "until:", "wait:", "wait: -1s", "wait: 99999999h", "with:", "export:", "else:",
        "includes:", "repos:", "extends:", "drivers:", "systems:", "rules:", "workflows:", "contexts:", "when:", "do:", "source:",
        "null", "~", "true", "1e999", "-0", "0x1F", "NaN", ".inf", "é", "\u0000", "\uFFFD", "💥", "\\", "%", "<<: *a", "---", "...",
    ];

    private static readonly string[] Keys =
    [
        "includes", "repos", "drivers", "systems", "rules", "workflows", "contexts", "when", "do", "steps", "threads", "call_workflow",
        "call_function", "call_driver", "with", "if_match", "unless_match", "switch", "cases", "default", "iterate", "iterate_parallel",
        "while", "until", "wait", "export", "else", "if", "unless", "no_export", "on_error", "on_failure", "description", "meta",
        "functions", "triggers", "data", "extends", "driver", "rawAction", "rawEvent", "parameters", "source", "system", "trigger",
    ];

    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    /// <summary>A mutation of one of <paramref name="seeds"/>, or (one case in four) a generated document.</summary>
    public string Next(IReadOnlyList<string> seeds)
    {
        if (_random.Next(4) == 0)
        {
            StringBuilder doc = new();
            WriteMap(doc, 0, _random.Next(1, 5));
            return doc.ToString();
        }

        List<string> lines = [.. seeds[_random.Next(seeds.Count)].Split('\n')];
        int mutations = _random.Next(1, 6);
        for (int m = 0; m < mutations && lines.Count > 0; m++)
        {
            int at = _random.Next(lines.Count);
            switch (_random.Next(7))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[_random.Next(lines.Count)]);
                    break;
                case 2:
                    (lines[at], lines[_random.Next(lines.Count)]) = (lines[_random.Next(lines.Count)], lines[at]);
                    break;
                case 3:
                    lines[at] = new string(' ', _random.Next(0, 9)) + lines[at].TrimStart();
                    break;
                case 4:
                    lines[at] = Splice(lines[at], Token());
                    break;
                case 5:
                    lines[at] = lines[at][.._random.Next(lines[at].Length + 1)];
                    break;
                default:
                    lines[at] = Splice(lines[at], new string((char)_random.Next(1, 0x3000), _random.Next(1, 4)));
                    break;
            }
        }

        return string.Join('\n', lines);
    }

    public string Token() => Tokens[_random.Next(Tokens.Length)];

    public int Next(int max) => _random.Next(max);

    public byte[] Bytes(int max)
    {
        byte[] bytes = new byte[_random.Next(max + 1)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Splice(string line, string token)
    {
        int at = _random.Next(line.Length + 1);
        return line[..at] + token + line[at..];
    }

    private void WriteMap(StringBuilder doc, int indent, int depth)
    {
        int count = _random.Next(1, 4);
        for (int i = 0; i < count; i++)
        {
            doc.Append(' ', indent).Append(Keys[_random.Next(Keys.Length)]).Append(':');
            if (depth == 0 || _random.Next(3) == 0)
            {
                doc.Append(' ').Append(Scalar()).Append('\n');
            }
            else if (_random.Next(3) == 0)
            {
                doc.Append('\n');
                for (int j = _random.Next(1, 3); j > 0; j--)
                {
                    doc.Append(' ', indent + 2).Append("-\n");
                    WriteMap(doc, indent + 4, depth - 1);
                }
            }
            else
            {
                doc.Append('\n');
                WriteMap(doc, indent + 2, depth - 1);
            }
        }
    }

    private string Scalar() => _random.Next(5) switch
    {
        0 => Keys[_random.Next(Keys.Length)],
        1 => _random.Next(-5, 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => "'" + Token().Replace("'", "''", StringComparison.Ordinal) + "'",
        3 => "[" + Keys[_random.Next(Keys.Length)] + ", " + Token().Trim() + "]",
        _ => Keys[_random.Next(Keys.Length)] + "." + Keys[_random.Next(Keys.Length)],
    };
}
