namespace Honeydipper.Drivers.Sdk.Secrets;

/// <summary>
/// Secrets as files <c>&lt;root&gt;/&lt;name&gt;/&lt;key&gt;</c>, the layout of Kubernetes Secret volumes mounted at
/// <c>&lt;root&gt;/&lt;name&gt;</c> (default root <c>/etc/honeydipper/secrets</c>). The file is read on every resolve, so
/// a value the kubelet rotates (it swaps the volume's <c>..data</c> link) is used as soon as it lands. Values are the
/// file's exact content, as Kubernetes stores them: a trailing newline is part of the value.
/// </summary>
public sealed class DirectorySecretSource(string root) : ISecretSource
{
    public const string DefaultRoot = "/etc/honeydipper/secrets";

    public string Root { get; } = root;

    public string Resolve(SecretKeyRef reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!IsPlainName(reference.Name) || !IsPlainName(reference.Key))
        {
            throw new SecretNotFoundException($"{reference}: a secret name and key must be plain names (no '/', '.' or '..')");
        }

        string path = Path.Combine(Root, reference.Name, reference.Key);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SecretNotFoundException($"{reference} not found: no file {path} (mount the Secret \"{reference.Name}\" at {Path.Combine(Root, reference.Name)}, or pass --secrets-dir)", ex);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new SecretNotFoundException($"{reference} could not be read from {path}: {ex.Message}", ex);
        }
    }

    private static bool IsPlainName(string name) =>
        name.Length > 0 && name is not "." and not ".." && name.IndexOfAny(['/', '\\', '\0']) < 0;
}
