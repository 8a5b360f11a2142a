using System.Collections.Concurrent;
using Honeydipper.Core.Templates;
using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Interpolation;

/// <summary>
/// Honeydipper's run-time interpolation (semantics §3.1–3.2) over configuration values: maps and lists recursively,
/// strings by their form — <c>$path,path2,"default"</c> (any type), <c>$?path</c> (null when missing), text with
/// <c>{{ }}</c> templates (whose <c>return</c> gives a typed value), <c>:yaml:</c> (parsed), and <c>\$</c> (a literal).
/// Create one per configuration generation: it caches parsed templates (thread-safe) for the configuration's lifetime.
/// Results are new maps and lists; the source is never changed.
/// </summary>
public sealed class Interpolator
{
    /// <summary>The template name the original uses for run-time templates, so messages read <c>template: go:1:5: ...</c>.</summary>
    public const string TemplateName = "go";

    private const int CacheLimit = 100_000;
    private const string ConfigError = "config error";

    private readonly ConcurrentDictionary<string, object> _templates = new(StringComparer.Ordinal);
    private readonly TemplateOptions _options;

    public Interpolator(TemplateOptions? options = null)
    {
        _options = options ?? TemplateOptions.Default;
    }

    /// <summary>How many distinct templates have been parsed and kept.</summary>
    public int CachedTemplateCount => _templates.Count;

    /// <summary>Go's <c>Interpolate(source, envData)</c>.</summary>
    /// <exception cref="InterpolationException">A path is invalid, a template fails, or a <c>:yaml:</c> text is not YAML.</exception>
    public object? Interpolate(object? source, IReadOnlyDictionary<string, object?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return InterpolateValue(source, env, 0);
    }

    /// <summary>Go's <c>InterpolateStr</c>: the interpolated value printed with <c>%+v</c>; null gives "".</summary>
    /// <exception cref="InterpolationException">As <see cref="Interpolate"/>.</exception>
    public string InterpolateStr(string source, IReadOnlyDictionary<string, object?> env)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(env);
        return Format(InterpolateString(source, env, 0));
    }

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        _ => GoValueFormatter.FormatPlus(value),
    };

    private object? InterpolateValue(object? source, IReadOnlyDictionary<string, object?> env, int depth)
    {
        if (depth > 256)
        {
            throw new InterpolationException($"{ConfigError}: data nested too deeply to interpolate");
        }

        switch (source)
        {
            case string s:
                return InterpolateString(s, env, depth);
            case IDictionary<string, object?> map:
                Dictionary<string, object?> result = new(map.Count, StringComparer.Ordinal);
                foreach (KeyValuePair<string, object?> pair in map)
                {
                    result[pair.Key] = InterpolateValue(pair.Value, env, depth + 1);
                }

                return result;
            case IReadOnlyDictionary<string, object?> map:
                Dictionary<string, object?> copy = new(map.Count, StringComparer.Ordinal);
                foreach (KeyValuePair<string, object?> pair in map)
                {
                    copy[pair.Key] = InterpolateValue(pair.Value, env, depth + 1);
                }

                return copy;
            case GoTypedList { ElementType: "string" } strings:
                GoTypedList texts = new("string", strings.Count);
                foreach (object? item in strings)
                {
                    texts.Add(Format(InterpolateString((string)item!, env, depth + 1)));
                }

                return texts;
            case GoTypedList:
                return source;
            case IList<object?> list:
                List<object?> items = new(list.Count);
                foreach (object? item in list)
                {
                    items.Add(InterpolateValue(item, env, depth + 1));
                }

                return items;
            default:
                return source;
        }
    }

    private object? InterpolateString(string s, IReadOnlyDictionary<string, object?> env, int depth)
    {
        if (s.Length == 0)
        {
            return s;
        }

        if (s[0] == '$')
        {
            return InterpolatePath(s, env, depth);
        }

        string rendered = s;
        if (s.Contains("{{", StringComparison.Ordinal))
        {
            object? result = Evaluate(s, env);
            if (result is not string text)
            {
                return result;
            }

            rendered = text;
        }

        if (rendered.StartsWith(":yaml:", StringComparison.Ordinal))
        {
            try
            {
                return GoYaml.Parse(rendered[6..]);
            }
            catch (YamlLoadException e)
            {
                throw new InterpolationException($"error converting YAML to JSON: {e.Message}", e);
            }
        }

        return rendered.Length > 0 && rendered[0] == '\\' ? rendered[1..] : rendered;
    }

    private object? Evaluate(string text, IReadOnlyDictionary<string, object?> env)
    {
        object cached = _templates.TryGetValue(text, out object? found) ? found : Parse(text);
        if (cached is TemplateException parseError)
        {
            throw new InterpolationException(parseError.Message, parseError);
        }

        try
        {
            return ((GoTemplate)cached).Evaluate(env is IDictionary<string, object?> ? env : new Dictionary<string, object?>(env, StringComparer.Ordinal));
        }
        catch (TemplateException e)
        {
            throw new InterpolationException($"failed to interpolate: {e.Message}", e);
        }
    }

    private object Parse(string text)
    {
        object parsed;
        try
        {
            parsed = GoTemplate.Parse(TemplateName, text, _options);
        }
        catch (TemplateException e)
        {
            parsed = e;
        }

        // Templates come from configuration, so the cache stays bounded by its size; the limit only guards against misuse.
        if (_templates.Count < CacheLimit)
        {
            _templates.TryAdd(text, parsed);
        }

        return parsed;
    }

    /// <summary>Go's <c>InterpolateDollarStr</c>: <c>$[?]key1,key2,...[,"default"]</c>.</summary>
    private object? InterpolatePath(string v, IReadOnlyDictionary<string, object?> env, int depth)
    {
        if (v.Length < 2)
        {
            throw new InterpolationException($"{ConfigError}: invalid path: ");
        }

        bool allowNull = v[1] == '?';
        string parsed = Format(InterpolateString(allowNull ? v[2..] : v[1..], env, depth + 1));
        int quote = parsed.AsSpan().IndexOfAny("\"'`");
        if (allowNull && quote >= 0)
        {
            throw new InterpolationException($"{ConfigError}: allow nil combine with default value: {v}");
        }

        ReadOnlySpan<char> keys = ReadOnlySpan<char>.Empty;
        if (quote > 0)
        {
            if (parsed[quote - 1] != ',')
            {
                throw new InterpolationException($"{ConfigError}: missing comma: {v}");
            }

            keys = parsed.AsSpan(0, quote - 1);
        }
        else if (quote < 0)
        {
            keys = parsed.AsSpan();
        }

        if (quote != 0)
        {
            while (true)
            {
                int comma = keys.IndexOf(',');
                ReadOnlySpan<char> key = comma < 0 ? keys : keys[..comma];
                if (DataPath.TryGet(env, key, out object? found) && found is not null)
                {
                    return key.StartsWith("sysData.", StringComparison.Ordinal) ? InterpolateValue(found, env, depth + 1) : found;
                }

                if (comma < 0)
                {
                    break;
                }

                keys = keys[(comma + 1)..];
            }
        }

        if (quote >= 0)
        {
            if (parsed.Length < 2 || quote == parsed.Length - 1 || parsed[quote] != parsed[^1])
            {
                throw new InterpolationException($"{ConfigError}: quotes not matching: {parsed}");
            }

            return parsed[(quote + 1)..^1];
        }

        if (allowNull)
        {
            return null;
        }

        throw new InterpolationException($"{ConfigError}: invalid path: {v[1..]}");
    }
}
