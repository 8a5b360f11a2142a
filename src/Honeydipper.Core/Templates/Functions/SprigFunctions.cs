namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// sprig v3.2.3's TxtFuncMap, family by family. Left out on purpose: <c>env</c> and <c>expandenv</c> (they would expose the
/// operator's environment, including secrets, to every configuration author) and <c>getHostByName</c> (network access
/// from a template). See docs/templates.md.
/// </summary>
internal static class SprigFunctions
{
    public static IEnumerable<TemplateFunction> All() =>
    [
        .. SprigStrings.All(),
        .. SprigMath.All(),
        .. SprigDefaults.All(),
        .. SprigReflect.All(),
        .. SprigPaths.All(),
        .. SprigEncoding.All(),
        .. SprigLists.All(),
        .. SprigDicts.All(),
        .. SprigDates.All(),
        .. SprigRegex.All(),
        .. SprigUrls.All(),
        .. SprigSemver.All(),
        .. SprigCrypto.All(),
    ];
}
