using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Honeydipper.Core.Yaml;

/// <summary>
/// Reads YAML into Honeydipper's plain data shapes (see <see cref="Values.DataTree"/>) with Go semantics, recording
/// where each map, list and key was written in <see cref="SourceLocations"/>.
/// </summary>
internal sealed class YamlValueReader
{
    /// <summary>Deeper nesting than this is refused, so that hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 256;

    private readonly string _file;
    private readonly Parser _parser;
    private readonly Dictionary<string, object?> _anchors = new(StringComparer.Ordinal);
    private Mark _lastMark = Mark.Empty;

    private YamlValueReader(string file, string text)
    {
        _file = file;
        _parser = new Parser(new StringReader(text));
    }

    /// <summary>Every document of the text; an empty text gives no documents.</summary>
    public static List<object?> ReadAll(string file, string text)
    {
        YamlValueReader reader = new(file, text);
        List<object?> documents = [];
        reader.Run(() =>
        {
            reader._parser.Consume<StreamStart>();
            while (reader._parser.TryConsume<DocumentStart>(out _))
            {
                reader._anchors.Clear();
                documents.Add(reader.ReadNode(0));
                reader._parser.Consume<DocumentEnd>();
            }

            reader._parser.Consume<StreamEnd>();
        });
        return documents;
    }

    /// <summary>The first document, as Go's yaml.Unmarshal reads it; null for an empty text.</summary>
    public static object? ReadFirst(string file, string text)
    {
        YamlValueReader reader = new(file, text);
        object? result = null;
        reader.Run(() =>
        {
            reader._parser.Consume<StreamStart>();
            if (reader._parser.TryConsume<DocumentStart>(out _))
            {
                result = reader.ReadNode(0);
                reader._parser.Consume<DocumentEnd>();
            }
        });
        return result;
    }

    private void Run(Action read)
    {
        try
        {
            read();
        }
        catch (YamlException ex)
        {
            string reason = ex.InnerException is not null and not YamlException ? ex.InnerException.Message : ex.Message;
            if (reason.StartsWith('(') && reason.Contains("): ", StringComparison.Ordinal))
            {
                reason = reason[(reason.IndexOf("): ", StringComparison.Ordinal) + 3)..];
            }

            throw new YamlLoadException(Locate(ex.Start), reason, ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner reports some malformed input (an unclosed flow collection, for one) this way,
            // without a position; the last event it produced is the closest place we know.
            throw new YamlLoadException(Locate(_lastMark), "a flow collection ('[...]' or '{...}') opened here or before is not closed", ex);
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet's parser rejects some malformed tags (`!<...>` or a `%TAG` prefix that is not a URI) by
            // throwing from a constructor, past its own YamlException: found by fuzzing the loader.
            throw new YamlLoadException(Locate(_lastMark), $"a malformed tag at or after this point: {ex.Message.Split(" (Parameter", 2)[0]}", ex);
        }
    }

    private SourceLocation Locate(Mark mark) => new(_file, (int)mark.Line, (int)mark.Column);

    private object? ReadNode(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YamlLoadException(Locate(_parser.Current!.Start), $"nesting deeper than {MaxDepth} levels");
        }

        ParsingEvent current = _parser.Current ?? throw new YamlLoadException(new SourceLocation(_file, 0, 0), "unexpected end of YAML");
        _lastMark = current.End;
        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                if (!_anchors.TryGetValue(alias.Value.Value, out object? target))
                {
                    throw new YamlLoadException(Locate(alias.Start), $"unknown anchor '{alias.Value.Value}' referenced");
                }

                return Values.DataTree.DeepCopy(target);
            case Scalar scalar:
                _parser.MoveNext();
                return Remember(scalar, ResolveScalar(scalar));
            case SequenceStart start:
                return Remember(start, ReadSequence(start, depth));
            case MappingStart start:
                return Remember(start, ReadMapping(start, depth));
            default:
                throw new YamlLoadException(Locate(current.Start), $"unexpected {current.GetType().Name}");
        }
    }

    private object? Remember(NodeEvent node, object? value)
    {
        if (!node.Anchor.IsEmpty)
        {
            _anchors[node.Anchor.Value] = value;
        }

        return value;
    }

    private object? ResolveScalar(Scalar scalar)
    {
        try
        {
            if (!scalar.Tag.IsEmpty && scalar.Tag.Value != "!")
            {
                return ScalarResolver.ResolveTagged(scalar.Tag.Value, scalar.Value);
            }

            return scalar.Style == ScalarStyle.Plain ? ScalarResolver.ResolvePlain(scalar.Value) : scalar.Value;
        }
        catch (FormatException ex)
        {
            throw new YamlLoadException(Locate(scalar.Start), ex.Message, ex);
        }
    }

    private List<object?> ReadSequence(SequenceStart start, int depth)
    {
        _parser.MoveNext();
        List<object?> list = [];
        SourceLocations.Set(list, Locate(start.Start));
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            list.Add(ReadNode(depth + 1));
        }

        return list;
    }

    private Dictionary<string, object?> ReadMapping(MappingStart start, int depth)
    {
        _parser.MoveNext();
        Dictionary<string, object?> map = new(StringComparer.Ordinal);
        SourceLocations.Set(map, Locate(start.Start));
        List<Dictionary<string, object?>> merges = [];
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            ParsingEvent keyEvent = _parser.Current!;
            object? keyValue = ReadNode(depth + 1);
            if (keyEvent is Scalar { Style: ScalarStyle.Plain, Value: "<<" } && keyValue is "<<")
            {
                CollectMerges(ReadNode(depth + 1), merges, keyEvent);
                continue;
            }

            string key = KeyText(keyValue, keyEvent);
            SourceLocations.SetKey(map, key, Locate(keyEvent.Start));
            map[key] = ReadNode(depth + 1);
        }

        // YAML merge keys: explicit keys win over merged ones, earlier merged maps over later ones.
        foreach (Dictionary<string, object?> merged in merges)
        {
            foreach (KeyValuePair<string, object?> pair in merged)
            {
                map.TryAdd(pair.Key, pair.Value);
            }
        }

        return map;
    }

    private void CollectMerges(object? value, List<Dictionary<string, object?>> merges, ParsingEvent at)
    {
        switch (value)
        {
            case Dictionary<string, object?> map:
                merges.Add(map);
                break;
            case List<object?> list:
                foreach (object? item in list)
                {
                    CollectMerges(item, merges, at);
                }

                break;
            default:
                throw new YamlLoadException(Locate(at.Start), "map merge requires map or sequence of maps as the value");
        }
    }

    /// <summary>Keys become strings as ghodss/yaml makes them: true → "true", 1 → "1", 1.5 → "1.5".</summary>
    private string KeyText(object? key, ParsingEvent at) => key switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => GoFormat.FormatFloat(number),
        null => "null",
        _ => throw new YamlLoadException(Locate(at.Start), "a map key must be a scalar, not a map or a list"),
    };
}
