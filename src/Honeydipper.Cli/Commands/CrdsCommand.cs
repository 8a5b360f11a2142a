using System.CommandLine;
using Honeydipper.Kubernetes.Resources.Generation;

namespace Honeydipper.Cli.Commands;

/// <summary>
/// <c>honeydipper crds</c>: prints the CustomResourceDefinitions generated from the C# kinds, or writes them to a
/// folder (one file per kind, stale ones removed) and the CRD reference to a Markdown file.
/// </summary>
internal static class CrdsCommand
{
    public static Command Create()
    {
        Option<DirectoryInfo?> output = new("--output", "-o") { Description = "Write one YAML file per CRD into this folder (for example config/crd) instead of printing them." };
        Option<FileInfo?> docs = new("--docs") { Description = "Also write the CRD reference (every field, with examples from config/samples) to this Markdown file." };
        Option<DirectoryInfo?> samples = new("--samples") { Description = "Folder of sample manifests, one per kind, embedded in the reference (default: config/samples beside --output's parent)." };
        Command command = new("crds", "Print or write the Honeydipper CustomResourceDefinitions, generated from the C# types.");
        command.Options.Add(output);
        command.Options.Add(docs);
        command.Options.Add(samples);
        command.SetAction(parsed =>
        {
            TextWriter stdout = parsed.InvocationConfiguration.Output;
            IReadOnlyDictionary<string, string> files = CrdGenerator.Files();
            DirectoryInfo? dir = parsed.GetValue(output);
            if (dir is null)
            {
                stdout.Write(string.Join("---\n", files.Values));
            }
            else
            {
                Write(dir, files, stdout);
            }

            if (parsed.GetValue(docs) is FileInfo markdown)
            {
                DirectoryInfo sampleDir = parsed.GetValue(samples) ?? new DirectoryInfo(Path.Combine(dir?.Parent?.FullName ?? ".", "samples"));
                File.WriteAllText(markdown.FullName, CrdMarkdown.Write(sampleDir.Exists ? sampleDir.FullName : null));
                stdout.WriteLine($"wrote {markdown.FullName}");
            }

            return 0;
        });
        return command;
    }

    private static void Write(DirectoryInfo dir, IReadOnlyDictionary<string, string> files, TextWriter stdout)
    {
        dir.Create();
        foreach (FileInfo stale in dir.GetFiles("honeydipper.io_*.yaml").Where(f => !files.ContainsKey(f.Name)))
        {
            stale.Delete();
            stdout.WriteLine($"removed {stale.FullName}");
        }

        foreach ((string name, string yaml) in files)
        {
            File.WriteAllText(Path.Combine(dir.FullName, name), yaml);
            stdout.WriteLine($"wrote {Path.Combine(dir.FullName, name)}");
        }
    }
}
