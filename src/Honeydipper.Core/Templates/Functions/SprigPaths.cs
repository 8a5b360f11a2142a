using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// sprig's path functions: Go's <c>path</c> package (slash-separated). The <c>os*</c> variants use Go's
/// <c>path/filepath</c>, which on the Linux hosts Honeydipper runs on is the same slash logic.
/// </summary>
internal static class SprigPaths
{
    public static IEnumerable<TemplateFunction> All() =>
    [
        .. Aliases(F("base", [S], a => Base((string)a[0]!)), "base", "osBase"),
        .. Aliases(F("dir", [S], a => Dir((string)a[0]!)), "dir", "osDir"),
        .. Aliases(F("clean", [S], a => Clean((string)a[0]!)), "clean", "osClean"),
        .. Aliases(F("ext", [S], a => Ext((string)a[0]!)), "ext", "osExt"),
        .. Aliases(F("isAbs", [S], a => ((string)a[0]!).StartsWith('/')), "isAbs", "osIsAbs"),
    ];

    /// <summary>Go's path.Base: the last element, trailing slashes removed; "." for "", "/" for all slashes.</summary>
    public static string Base(string p)
    {
        if (p.Length == 0)
        {
            return ".";
        }

        p = p.TrimEnd('/');
        if (p.Length == 0)
        {
            return "/";
        }

        int i = p.LastIndexOf('/');
        return i >= 0 ? p[(i + 1)..] : p;
    }

    public static string Ext(string p)
    {
        for (int i = p.Length - 1; i >= 0 && p[i] != '/'; i--)
        {
            if (p[i] == '.')
            {
                return p[i..];
            }
        }

        return string.Empty;
    }

    public static string Dir(string p)
    {
        int i = p.LastIndexOf('/');
        return Clean(p[..(i + 1)]);
    }

    /// <summary>Go's path.Clean: lexical processing of ".", ".." and repeated slashes.</summary>
    public static string Clean(string p)
    {
        if (p.Length == 0)
        {
            return ".";
        }

        bool rooted = p[0] == '/';
        List<string> parts = [];
        foreach (string part in p.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add("..");
                }

                continue;
            }

            parts.Add(part);
        }

        string joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }
}
