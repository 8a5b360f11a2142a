using System.Text;
using Honeydipper.Core.Values;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>sprig's <c>urlParse</c> and <c>urlJoin</c>, following Go's net/url split of a URL into its parts.</summary>
internal static class SprigUrls
{
    public static IEnumerable<TemplateFunction> All() =>
    [
        F("urlParse", [S], a => Parse((string)a[0]!)),
        F("urlJoin", [M], a => Join(a[0] as IDictionary<string, object?>)),
    ];

    private static Dictionary<string, object?> Parse(string raw)
    {
        string rest = raw;
        string fragment = string.Empty;
        int hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = Unescape(rest[(hash + 1)..], raw);
            rest = rest[..hash];
        }

        string scheme = string.Empty;
        int colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && char.IsAsciiLetter(rest[0]) && rest[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
        {
            scheme = rest[..colon].ToLowerInvariant();
            rest = rest[(colon + 1)..];
        }
        else if (colon == 0)
        {
            throw new InvalidOperationException($"unable to parse url: parse {GoStrings.Quote(raw)}: missing protocol scheme");
        }

        string query = string.Empty;
        int q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        string opaque = string.Empty, userinfo = string.Empty, host = string.Empty, path = string.Empty;
        if (scheme.Length > 0 && !rest.StartsWith('/'))
        {
            opaque = rest;
        }
        else
        {
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                int slash = rest.IndexOf('/', 2);
                string authority = slash < 0 ? rest[2..] : rest[2..slash];
                rest = slash < 0 ? string.Empty : rest[slash..];
                int at = authority.LastIndexOf('@');
                if (at >= 0)
                {
                    userinfo = authority[..at];
                    authority = authority[(at + 1)..];
                }

                host = Unescape(authority, raw);
            }

            path = Unescape(rest, raw);
        }

        string hostname = host;
        if (hostname.StartsWith('['))
        {
            int end = hostname.IndexOf(']', StringComparison.Ordinal);
            hostname = end > 0 ? hostname[1..end] : hostname;
        }
        else
        {
            int portColon = hostname.LastIndexOf(':');
            hostname = portColon >= 0 ? hostname[..portColon] : hostname;
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["scheme"] = scheme,
            ["host"] = host,
            ["hostname"] = hostname,
            ["path"] = path,
            ["query"] = query,
            ["opaque"] = opaque,
            ["fragment"] = fragment,
            ["userinfo"] = userinfo,
        };
    }

    private static string Unescape(string s, string raw)
    {
        try
        {
            return s.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(s) : s;
        }
        catch (UriFormatException)
        {
            throw new InvalidOperationException($"unable to parse url: parse {GoStrings.Quote(raw)}: invalid URL escape");
        }
    }

    private static string Get(IDictionary<string, object?>? d, string key)
    {
        if (d is null || !d.TryGetValue(key, out object? v))
        {
            return string.Empty;
        }

        return v as string ?? throw new InvalidOperationException(
            $"unable to parse {key} key, must be of type string, but {GoTypes.KindName(v)} found");
    }

    private static string Join(IDictionary<string, object?>? d)
    {
        string scheme = Get(d, "scheme"), host = Get(d, "host"), path = Get(d, "path"), query = Get(d, "query");
        string opaque = Get(d, "opaque"), fragment = Get(d, "fragment"), userinfo = Get(d, "userinfo");
        StringBuilder sb = new();
        if (scheme.Length > 0)
        {
            sb.Append(scheme).Append(':');
        }

        if (opaque.Length > 0)
        {
            sb.Append(opaque);
        }
        else
        {
            if (scheme.Length > 0 || host.Length > 0 || userinfo.Length > 0)
            {
                if (host.Length > 0 || path.Length > 0 || userinfo.Length > 0)
                {
                    sb.Append("//");
                }

                if (userinfo.Length > 0)
                {
                    sb.Append(userinfo).Append('@');
                }

                sb.Append(host);
            }

            if (path.Length > 0 && path[0] != '/' && host.Length > 0)
            {
                sb.Append('/');
            }

            sb.Append(EscapePath(path));
        }

        if (query.Length > 0)
        {
            sb.Append('?').Append(query);
        }

        if (fragment.Length > 0)
        {
            sb.Append('#').Append(EscapePath(fragment));
        }

        return sb.ToString();
    }

    private static string EscapePath(string s)
    {
        StringBuilder sb = new();
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "-_.~$&+,/:;=@!'()*".Contains(c, StringComparison.Ordinal))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
