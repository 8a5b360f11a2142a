namespace Honeydipper.Testing;

/// <summary>Where the repository and the shared fixtures are, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder that holds Honeydipper.Operator.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The shared folder beside the clone (CI places it there); fixtures are read from it, never copied.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>honeydipper-config-essentials, the original authors' configuration repository.</summary>
    public static string Essentials => Path.Combine(Shared, "fixtures", "honeydipper-config-essentials");

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Honeydipper.Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Honeydipper.Operator.sln above {AppContext.BaseDirectory}");
    }
}
