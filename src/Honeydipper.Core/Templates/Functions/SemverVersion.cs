using System.Globalization;
using Honeydipper.Core.Matching;
using Honeydipper.Core.Templates.Execution;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// A Masterminds/semver v3.2.0 <c>*semver.Version</c>, what sprig's <c>semver</c> returns: coerced parsing
/// (<c>v1.2</c> is 1.2.0), SemVer 2 precedence, and the methods templates call (<c>.Major</c>, <c>.Compare</c>, ...).
/// </summary>
internal sealed class SemverVersion : IGoValue, IGoMethods
{
    private const string Pattern = @"v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?" +
        @"(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?" +
        @"(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";

    private const string Allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789";
    private static readonly GoRegex VersionRegex = GoRegex.Compile("^" + Pattern + "$");

    private SemverVersion(ulong major, ulong minor, ulong patch, string pre, string metadata, string original)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = pre;
        Metadata = metadata;
        Original = original;
    }

    public ulong Major { get; }

    public ulong Minor { get; }

    public ulong Patch { get; }

    public string Prerelease { get; }

    public string Metadata { get; }

    public string Original { get; }

    public string GoTypeName => "*semver.Version";

    public string GoKind => "ptr";

    /// <summary>semver.NewVersion.</summary>
    /// <exception cref="FormatException">"Invalid Semantic Version" and the other errors of the original.</exception>
    public static SemverVersion Parse(string v)
    {
        System.Text.RegularExpressions.Match m = VersionRegex.Regex.Match(v);
        if (!m.Success)
        {
            throw new FormatException("Invalid Semantic Version");
        }

        ulong major = Segment(m.Groups[1].Value);
        ulong minor = m.Groups[2].Success ? Segment(m.Groups[2].Value[1..]) : 0;
        ulong patch = m.Groups[3].Success ? Segment(m.Groups[3].Value[1..]) : 0;
        string pre = m.Groups[5].Value;
        string metadata = m.Groups[8].Value;
        if (pre.Length > 0)
        {
            foreach (string part in pre.Split('.'))
            {
                if (part.All(char.IsAsciiDigit))
                {
                    if (part.Length > 1 && part[0] == '0')
                    {
                        throw new FormatException("Version segment starts with 0");
                    }
                }
                else if (!part.All(c => Allowed.Contains(c, StringComparison.Ordinal)))
                {
                    throw new FormatException("Invalid Prerelease string");
                }
            }
        }

        if (metadata.Length > 0 && metadata.Split('.').Any(part => !part.All(c => Allowed.Contains(c, StringComparison.Ordinal))))
        {
            throw new FormatException("Invalid Metadata string");
        }

        return new SemverVersion(major, minor, patch, pre, metadata, v);
    }

    private static ulong Segment(string digits) => ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
        ? value
        : throw new FormatException($"Error parsing version segment: strconv.ParseUint: parsing {GoStrings.Quote(digits)}: value out of range");

    public string GoString()
    {
        string s = $"{Major}.{Minor}.{Patch}";
        if (Prerelease.Length > 0)
        {
            s += "-" + Prerelease;
        }

        if (Metadata.Length > 0)
        {
            s += "+" + Metadata;
        }

        return s;
    }

    public override string ToString() => GoString();

    public int Compare(SemverVersion o)
    {
        int d = Major.CompareTo(o.Major);
        d = d != 0 ? d : Minor.CompareTo(o.Minor);
        d = d != 0 ? d : Patch.CompareTo(o.Patch);
        if (d != 0)
        {
            return Math.Sign(d);
        }

        if (Prerelease.Length == 0 && o.Prerelease.Length == 0)
        {
            return 0;
        }

        if (Prerelease.Length == 0)
        {
            return 1;
        }

        return o.Prerelease.Length == 0 ? -1 : ComparePrerelease(Prerelease, o.Prerelease);
    }

    internal static int ComparePrerelease(string v, string o)
    {
        string[] sp = v.Split('.');
        string[] op = o.Split('.');
        for (int i = 0; i < Math.Max(sp.Length, op.Length); i++)
        {
            int d = ComparePart(i < sp.Length ? sp[i] : string.Empty, i < op.Length ? op[i] : string.Empty);
            if (d != 0)
            {
                return d;
            }
        }

        return 0;
    }

    private static int ComparePart(string s, string o)
    {
        if (s == o)
        {
            return 0;
        }

        if (s.Length == 0)
        {
            return -1;
        }

        if (o.Length == 0)
        {
            return 1;
        }

        bool oNum = ulong.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out ulong oi);
        bool sNum = ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong si);
        if (!oNum && !sNum)
        {
            return string.CompareOrdinal(s, o) > 0 ? 1 : -1;
        }

        if (!oNum)
        {
            return -1;
        }

        if (!sNum)
        {
            return 1;
        }

        return si > oi ? 1 : -1;
    }

    private string VPrefix => Original.StartsWith('v') ? "v" : string.Empty;

    private SemverVersion With(ulong major, ulong minor, ulong patch, string pre = "")
    {
        SemverVersion next = new(major, minor, patch, pre, string.Empty, string.Empty);
        return new SemverVersion(major, minor, patch, pre, string.Empty, VPrefix + next.GoString());
    }

    public bool TryGetMethod(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TemplateFunction? method)
    {
        GoParam[] none = [];
        GoParam[] version = [GoParam.Any];
        method = name switch
        {
            "Major" => new(name, none, null, (_, _) => Major),
            "Minor" => new(name, none, null, (_, _) => Minor),
            "Patch" => new(name, none, null, (_, _) => Patch),
            "Prerelease" => new(name, none, null, (_, _) => Prerelease),
            "Metadata" => new(name, none, null, (_, _) => Metadata),
            "Original" => new(name, none, null, (_, _) => Original),
            "String" => new(name, none, null, (_, _) => GoString()),
            "IncMajor" => new(name, none, null, (_, _) => With(Major + 1, 0, 0)),
            "IncMinor" => new(name, none, null, (_, _) => With(Major, Minor + 1, 0)),
            "IncPatch" => new(name, none, null, (_, _) => Prerelease.Length > 0 ? With(Major, Minor, Patch) : With(Major, Minor, Patch + 1)),
            "Compare" => new(name, version, null, (_, a) => Compare(Other(a[0]))),
            "LessThan" => new(name, version, null, (_, a) => Compare(Other(a[0])) < 0),
            "GreaterThan" => new(name, version, null, (_, a) => Compare(Other(a[0])) > 0),
            "Equal" => new(name, version, null, (_, a) => Compare(Other(a[0])) == 0),
            _ => null,
        };
        return method is not null;
    }

    private static SemverVersion Other(object? v) => v as SemverVersion
        ?? throw new InvalidOperationException($"wrong type for value; expected *semver.Version; got {GoTypes.TypeName(v)}");
}
