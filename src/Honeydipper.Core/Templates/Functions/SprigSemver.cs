using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>sprig's <c>semver</c> and <c>semverCompare</c> (Masterminds/semver v3.2.0).</summary>
internal static class SprigSemver
{
    public static IEnumerable<TemplateFunction> All() =>
    [
        F("semver", [S], a => SemverVersion.Parse((string)a[0]!)),
        F("semverCompare", [S, S], a => SemverConstraints.Parse((string)a[0]!).Check(SemverVersion.Parse((string)a[1]!))),
    ];
}
