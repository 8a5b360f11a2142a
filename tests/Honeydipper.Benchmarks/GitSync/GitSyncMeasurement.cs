using System.Diagnostics;
using System.Globalization;
using Honeydipper.Benchmarks.Harness;
using Honeydipper.GitOps;
using Honeydipper.Testing;

namespace Honeydipper.Benchmarks.GitSync;

/// <summary>
/// A generated 1,000-file Honeydipper repository (init.yaml including 999 files, each a workflow and its rule) in a
/// real Git origin: the ConfigRepo's first sync (clone into an empty mirror, load, check, map to objects), then a
/// resync after a commit that changes one file.
/// </summary>
public sealed class GitSyncMeasurement : IMeasurement
{
    public string Name => "gitsync";

    public Task<IReadOnlyList<Figure>> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        const int Files = 1_000;
        using GitRepo repo = GitRepo.Create();
        Dictionary<string, string?> files = new(StringComparer.Ordinal);
        List<string> includes = [];
        for (int i = 1; i < Files; i++)
        {
            string path = string.Create(CultureInfo.InvariantCulture, $"teams/t{i % 20}/flow-{i}.yaml");
            includes.Add(path);
            files[path] = File(i, "first");
        }

        files["init.yaml"] = "drivers:\n  worker: {}\nincludes:\n" + string.Concat(includes.Select(p => $"  - {p}\n"));
        repo.Commit("1,000 files", files);
        DirectoryInfo cache = Directory.CreateTempSubdirectory("hd-bench-gitcache-");
        try
        {
            GitMirror mirror = new(cache.FullName);
            ConfigRepoSource source = new(new GitSource(repo.Url)) { Namespace = "bench" };
            Stopwatch clock = Stopwatch.StartNew();
            ConfigSyncResult first = ConfigSync.Load(mirror, source, cancellationToken);
            double firstSync = clock.Elapsed.TotalSeconds;
            Check(first, 2 * (Files - 1));

            repo.Commit("one file changed", new Dictionary<string, string?> { [includes[0]] = File(1, "second") });
            clock.Restart();
            ConfigSyncResult second = ConfigSync.Load(mirror, source, cancellationToken);
            double resync = clock.Elapsed.TotalSeconds;
            Check(second, 2 * (Files - 1));
            if (second.Commit == first.Commit)
            {
                throw new InvalidOperationException("the resync did not see the new commit");
            }

            return Task.FromResult<IReadOnlyList<Figure>>(
            [
                new Figure("gitsync_1000_files_s", Math.Round(firstSync, 2), "s", "ConfigRepo first sync of a 1,000-file repository: clone, load, check, map (target < 5 s)"),
                new Figure("gitsync_1000_files_resync_s", Math.Round(resync, 2), "s", "the same repository after a one-file commit (fetch, load, check, map)"),
            ]);
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    private static void Check(ConfigSyncResult result, int objects)
    {
        if (result.HasErrors || result.Objects.Count < objects)
        {
            throw new InvalidOperationException($"the generated repository synced to {result.Objects.Count} objects, not at least {objects}: {result.ErrorSummary()}");
        }
    }

    private static string File(int i, string greeting) => string.Create(CultureInfo.InvariantCulture, $$"""
        workflows:
          flow-{{i}}:
            description: generated workflow {{i}}
            steps:
              - call_driver: worker.do
                with:
                  n: "{{i}}"
                  greeting: {{greeting}}
        rules:
          - when:
              driver: webhook
              if_match:
                url: /hook/{{i}}
            do:
              call_workflow: flow-{{i}}
        """);
}
