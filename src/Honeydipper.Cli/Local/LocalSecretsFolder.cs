using Honeydipper.Drivers.Sdk.Secrets;

namespace Honeydipper.Cli.Local;

/// <summary>
/// Local mode on Redis keeps secret literals of the configuration out of Redis: the engine hands them here, they are
/// written as <c>&lt;folder&gt;/&lt;name&gt;/&lt;key&gt;</c> in a folder only this user can read (0700, files 0600), and the
/// driver processes read them with <c>--secrets-dir</c>, as pods read a mounted Secret. The folder goes when local mode stops.
/// </summary>
internal sealed class LocalSecretsFolder : IDisposable
{
    private readonly object _gate = new();

    public LocalSecretsFolder()
    {
        // CreateTempSubdirectory makes it 0700 on Unix already; say so explicitly rather than rely on it.
        Path = Directory.CreateTempSubdirectory("hd-secrets-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Path { get; }

    /// <summary>Writes one value; its file is replaced whole, so a driver never reads half of it.</summary>
    public void Write(SecretKeyRef reference, string value)
    {
        ArgumentNullException.ThrowIfNull(reference);
        lock (_gate)
        {
            string dir = System.IO.Path.Combine(Path, reference.Name);
            string file = System.IO.Path.Combine(dir, reference.Key);
            string partial = file + ".partial";
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(dir);
                File.WriteAllText(partial, value);
            }
            else
            {
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                using (FileStream stream = new(partial, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
                using (StreamWriter writer = new(stream))
                {
                    writer.Write(value);
                }
            }

            File.Move(partial, file, overwrite: true);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Already gone, or a driver still has a file open; the system's temp cleaning takes it.
        }
    }
}
