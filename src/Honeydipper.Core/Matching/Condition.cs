namespace Honeydipper.Core.Matching;

/// <summary>Convenience entry to condition matching when the criteria is not worth keeping compiled.</summary>
public static class Condition
{
    /// <summary>
    /// Go's <c>CompareAll(actual, criteria)</c>: compiles the criteria (regexes come from a cache) and matches once. Hot paths
    /// should hold a <see cref="Criteria"/> instead.
    /// </summary>
    public static bool CompareAll(object? actual, object? criteria) =>
        criteria is null || Criteria.Compile(criteria).Matches(actual);
}
