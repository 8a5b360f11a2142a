using Honeydipper.Core.Matching;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>Masterminds/semver v3.2.0 constraints (<c>&gt;= 1.2, &lt; 3</c>, <c>^1.2</c>, <c>~1.2.x</c>, <c>1 - 2</c>, <c>||</c>).</summary>
internal sealed class SemverConstraints
{
    private const string Cv = @"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?" +
        @"(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?" +
        @"(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";

    private const string Ops = @"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";
    private static readonly GoRegex ConstraintRegex = GoRegex.Compile($@"^\s*({Ops})\s*({Cv})\s*$");
    private static readonly GoRegex RangeRegex = GoRegex.Compile($@"\s*({Cv})\s+-\s+({Cv})\s*");
    private static readonly GoRegex FindRegex = GoRegex.Compile($@"({Ops})\s*({Cv})");
    private static readonly GoRegex ValidRegex = GoRegex.Compile($@"^(\s*({Ops})\s*({Cv})\s*)((?:\s+|,\s*)({Ops})\s*({Cv})\s*)*$");

    private readonly List<List<Constraint>> _ors;

    private SemverConstraints(List<List<Constraint>> ors)
    {
        _ors = ors;
    }

    private sealed record Constraint(SemverVersion Con, string Orig, string Op, bool MinorDirty, bool PatchDirty, bool Dirty);

    public static SemverConstraints Parse(string c)
    {
        c = RewriteRange(c);
        List<List<Constraint>> ors = [];
        foreach (string v in c.Split("||"))
        {
            if (!ValidRegex.IsMatch(v))
            {
                throw new FormatException($"improper constraint: {v}");
            }

            List<string> found = FindRegex.FindAll(v, -1) ?? [v];
            ors.Add([.. found.Select(ParseOne)]);
        }

        return new SemverConstraints(ors);
    }

    private static string RewriteRange(string s)
    {
        foreach (System.Text.RegularExpressions.Match m in RangeRegex.Regex.Matches(s))
        {
            int index = s.IndexOf(m.Value, StringComparison.Ordinal);
            if (index >= 0)
            {
                s = string.Concat(s.AsSpan(0, index), $">= {m.Groups[1].Value}, <= {m.Groups[11].Value}", s.AsSpan(index + m.Value.Length));
            }
        }

        return s;
    }

    private static bool IsX(string x) => x is "x" or "*" or "X";

    private static Constraint ParseOne(string c)
    {
        if (c.Length == 0)
        {
            return new Constraint(SemverVersion.Parse("0.0.0"), c, string.Empty, false, false, true);
        }

        System.Text.RegularExpressions.Match m = ConstraintRegex.Regex.Match(c);
        if (!m.Success)
        {
            throw new FormatException($"improper constraint: {c}");
        }

        string g3 = m.Groups[3].Value, g4 = m.Groups[4].Value, g5 = m.Groups[5].Value, g6 = m.Groups[6].Value;
        string ver = m.Groups[2].Value;
        bool minorDirty = false, patchDirty = false, dirty = false;
        if (IsX(g3) || g3.Length == 0)
        {
            ver = "0.0.0" + g6;
            dirty = true;
        }
        else if (IsX(g4.TrimStart('.')) || g4.Length == 0)
        {
            minorDirty = dirty = true;
            ver = $"{g3}.0.0{g6}";
        }
        else if (IsX(g5.TrimStart('.')) || g5.Length == 0)
        {
            dirty = patchDirty = true;
            ver = $"{g3}{g4}.0{g6}";
        }

        SemverVersion con;
        try
        {
            con = SemverVersion.Parse(ver);
        }
        catch (FormatException)
        {
            throw new FormatException("constraint Parser Error");
        }

        return new Constraint(con, m.Groups[2].Value, m.Groups[1].Value, minorDirty, patchDirty, dirty);
    }

    public bool Check(SemverVersion v) => _ors.Any(and => and.All(c => Check(v, c)));

    private static bool Check(SemverVersion v, Constraint c)
    {
        bool preMismatch = v.Prerelease.Length > 0 && c.Con.Prerelease.Length == 0;
        switch (c.Op)
        {
            case "" or "=":
                return !preMismatch && (c.Dirty ? Tilde(v, c) : v.Compare(c.Con) == 0);
            case "!=":
                if (c.Dirty)
                {
                    if (preMismatch)
                    {
                        return false;
                    }

                    if (c.Con.Major != v.Major)
                    {
                        return true;
                    }

                    if (c.Con.Minor != v.Minor && !c.MinorDirty)
                    {
                        return true;
                    }

                    if (c.MinorDirty)
                    {
                        return false;
                    }

                    if (c.Con.Patch != v.Patch && !c.PatchDirty)
                    {
                        return true;
                    }

                    if (c.PatchDirty)
                    {
                        return (v.Prerelease.Length > 0 || c.Con.Prerelease.Length > 0)
                            && SemverVersion.ComparePrerelease(v.Prerelease, c.Con.Prerelease) != 0;
                    }
                }

                return v.Compare(c.Con) != 0;
            case ">":
                if (preMismatch)
                {
                    return false;
                }

                if (!c.Dirty)
                {
                    return v.Compare(c.Con) == 1;
                }

                if (v.Major != c.Con.Major)
                {
                    return v.Major > c.Con.Major;
                }

                if (c.MinorDirty)
                {
                    return false;
                }

                return c.PatchDirty ? v.Minor > c.Con.Minor : v.Compare(c.Con) == 1;
            case "<":
                return !preMismatch && v.Compare(c.Con) < 0;
            case ">=" or "=>":
                return !preMismatch && v.Compare(c.Con) >= 0;
            case "<=" or "=<":
                if (preMismatch)
                {
                    return false;
                }

                if (!c.Dirty)
                {
                    return v.Compare(c.Con) <= 0;
                }

                return !(v.Major > c.Con.Major || (v.Major == c.Con.Major && v.Minor > c.Con.Minor && !c.MinorDirty));
            case "~" or "~>":
                return !preMismatch && Tilde(v, c);
            default:
                return !preMismatch && Caret(v, c);
        }
    }

    private static bool Tilde(SemverVersion v, Constraint c)
    {
        if (v.Prerelease.Length > 0 && c.Con.Prerelease.Length == 0)
        {
            return false;
        }

        if (v.Compare(c.Con) < 0)
        {
            return false;
        }

        if (c.Con.Major == 0 && c.Con.Minor == 0 && c.Con.Patch == 0 && !c.MinorDirty && !c.PatchDirty)
        {
            return true;
        }

        return v.Major == c.Con.Major && (v.Minor == c.Con.Minor || c.MinorDirty);
    }

    private static bool Caret(SemverVersion v, Constraint c)
    {
        if (v.Compare(c.Con) < 0)
        {
            return false;
        }

        if (c.Con.Major > 0 || c.MinorDirty)
        {
            return v.Major == c.Con.Major;
        }

        if (v.Major > 0)
        {
            return false;
        }

        if (c.Con.Minor > 0 || c.PatchDirty)
        {
            return v.Minor == c.Con.Minor;
        }

        return v.Minor <= 0 && c.Con.Patch == v.Patch;
    }
}
