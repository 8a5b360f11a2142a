using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Honeydipper.Packaging.Tests;

/// <summary>
/// No container engine runs here, so the Dockerfile is checked for what it must say: official .NET images of the
/// SDK the repository pins, a chiseled ASP.NET Core runtime with no shell, a non-root user, the honeydipper
/// executable as entrypoint, and a build stage that copies everything the executable's projects need.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Root = RepoPaths.RepoRoot;

    private static readonly List<(string Instruction, string Arguments)> Lines = Parse(File.ReadAllText(Path.Combine(Root, "Dockerfile")));

    [Fact]
    public void It_builds_with_the_official_SDK_of_the_pinned_major_version_and_runs_on_the_chiseled_ASP_NET_Core_runtime()
    {
        List<string> stages = [.. Lines.Where(l => l.Instruction == "FROM").Select(l => l.Arguments)];
        string sdkMajor = Regex.Match(File.ReadAllText(Path.Combine(Root, "global.json")), "\"version\": \"(\\d+)\\.").Groups[1].Value;
        Assert.Equal(2, stages.Count);
        Assert.Matches($@"^--platform=\$BUILDPLATFORM mcr\.microsoft\.com/dotnet/sdk:{sdkMajor}\.0(-[a-z]+)? AS build$", stages[0]);
        // The executable is ASP.NET Core based (health endpoints, webhook driver): the aspnet runtime, chiseled.
        Assert.Matches($@"^mcr\.microsoft\.com/dotnet/aspnet:{sdkMajor}\.0-[a-z]+-chiseled(-extra)?$", stages[1]);
    }

    [Fact]
    public void The_runtime_stage_needs_no_shell_runs_as_a_non_root_user_and_starts_the_honeydipper_executable()
    {
        List<(string Instruction, string Arguments)> runtime = [.. Lines.SkipWhile(l => l.Instruction != "FROM").Skip(1).SkipWhile(l => l.Instruction != "FROM").Skip(1)];
        Assert.DoesNotContain(runtime, l => l.Instruction == "RUN");                  // a chiseled image has no shell to run it
        string user = runtime.Last(l => l.Instruction == "USER").Arguments;
        Assert.True(user == "$APP_UID" || (int.TryParse(user, out int uid) && uid > 0), $"USER {user} must be a non-root uid ($APP_UID is the image's, 1654)");
        string assembly = XDocument.Load(Path.Combine(Root, "src", "Honeydipper.Cli", "Honeydipper.Cli.csproj")).Descendants("AssemblyName").Single().Value;
        string entrypoint = runtime.Last(l => l.Instruction == "ENTRYPOINT").Arguments;
        Assert.Equal($"[\"/app/{assembly}\"]", entrypoint);                        // exec form: no shell between the kubelet and the process
        Assert.Contains(runtime, l => l.Instruction == "COPY" && l.Arguments.Contains("--from=build /app", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.Instruction == "RUN" && l.Arguments.Contains("dotnet publish src/Honeydipper.Cli/Honeydipper.Cli.csproj", StringComparison.Ordinal) && l.Arguments.Contains("-o /app", StringComparison.Ordinal));
    }

    [Fact]
    public void The_build_stage_copies_every_project_the_executable_references_and_the_shared_build_settings()
    {
        List<string> copied = [.. Lines.TakeWhile(l => !(l.Instruction == "FROM" && !l.Arguments.Contains(" AS build", StringComparison.Ordinal)))
            .Where(l => l.Instruction == "COPY").SelectMany(l => l.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))];
        foreach (string file in (string[])["global.json", "Directory.Build.props", "Directory.Packages.props"])
        {
            Assert.Contains(file, copied);
        }

        HashSet<string> projects = References(Path.Combine(Root, "src", "Honeydipper.Cli", "Honeydipper.Cli.csproj"));
        Assert.True(projects.Count >= 8, string.Join(", ", projects));
        Assert.All(projects, p => Assert.StartsWith(Path.Combine(Root, "src") + Path.DirectorySeparatorChar, p, StringComparison.Ordinal));
        Assert.Contains("src/", copied);
        List<string> ignored = [.. File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
        Assert.DoesNotContain(ignored, i => i is "src" or "src/" or "*.props" or "global.json" || i.StartsWith("src/", StringComparison.Ordinal));
    }

    /// <summary>Every project a project references, transitively, as full paths.</summary>
    private static HashSet<string> References(string project)
    {
        HashSet<string> seen = [Path.GetFullPath(project)];
        Queue<string> todo = new([Path.GetFullPath(project)]);
        while (todo.TryDequeue(out string? next))
        {
            foreach (XElement reference in XDocument.Load(next).Descendants("ProjectReference"))
            {
                string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(next)!, reference.Attribute("Include")!.Value));
                if (seen.Add(path))
                {
                    todo.Enqueue(path);
                }
            }
        }

        return seen;
    }

    /// <summary>Instructions with their arguments; continuation lines joined, comments and the parser directive left out.</summary>
    private static List<(string, string)> Parse(string text) =>
    [
        .. Continuation().Replace(text, " ").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (l.Split(' ', 2)[0].ToUpperInvariant(), Spaces().Replace(l.Split(' ', 2).ElementAtOrDefault(1) ?? string.Empty, " ").Trim())),
    ];

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
