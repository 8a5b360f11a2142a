namespace Honeydipper.Core.Config.Reading;

/// <summary>Collects warnings while a file is read: things the original silently ignores that a person wants to know.</summary>
internal sealed class ReadReport
{
    private readonly List<ConfigException> _warnings = [];

    public IReadOnlyList<ConfigException> Warnings => _warnings;

    public void Warn(ConfigException warning) => _warnings.Add(warning);

    /// <summary>Reports the keys of a map that nothing read: usually a typo of a real key.</summary>
    public void UnknownKeys(FieldReader reader)
    {
        foreach (string key in reader.UnknownKeys)
        {
            string hint = Suggestions.DidYouMean(key.ToLowerInvariant(), reader.AskedNames);
            _warnings.Add(reader.Error(key, $"unknown key, ignored{hint}"));
        }
    }
}
