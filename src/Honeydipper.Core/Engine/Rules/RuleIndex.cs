using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Config.Validation;
using Honeydipper.Core.Interpolation;

namespace Honeydipper.Core.Engine.Rules;

/// <summary>
/// Rules by raw event key (<c>driver.rawevent</c>), built once per configuration generation. Inside a key, rules whose
/// criteria pin one field to a plain string (most webhook rules pin <c>url</c>) are also indexed by that value, so the
/// cost of an event does not grow with the number of rules that cannot match it. Matching order is the rules' order.
/// </summary>
public sealed class RuleIndex
{
    private readonly Dictionary<string, Bucket> _buckets;

    private RuleIndex(Dictionary<string, Bucket> buckets, IReadOnlyList<CollapsedRule> rules, IReadOnlyList<ConfigProblem> problems)
    {
        _buckets = buckets;
        Rules = rules;
        Problems = problems;
    }

    /// <summary>Every rule that collapsed, in configuration order.</summary>
    public IReadOnlyList<CollapsedRule> Rules { get; }

    /// <summary>Rules that could not be collapsed (and never fire), as warnings.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>The raw event keys some rule listens to.</summary>
    public IEnumerable<string> Keys => _buckets.Keys;

    public static RuleIndex Build(HoneydipperConfig config, Interpolator interpolator)
    {
        ArgumentNullException.ThrowIfNull(config);
        List<CollapsedRule> rules = [];
        List<ConfigProblem> problems = [];
        for (int i = 0; i < config.Rules.Count; i++)
        {
            RuleDefinition rule = config.Rules[i];
            string subject = ConfigValidator.RuleSubject(rule, i);
            try
            {
                rules.Add(new CollapsedRule(i, subject, rule, TriggerCollapser.Collapse(rule.When, config, interpolator)));
            }
            catch (Exception ex) when (ex is ConfigException or WorkflowException or InterpolationException)
            {
                problems.Add(new ConfigProblem(ProblemSeverity.Warning, rule.Location, $"{ex.Message}; the rule never fires") { Subject = subject, FieldPath = "when" });
            }
        }

        Dictionary<string, Bucket> buckets = new(StringComparer.Ordinal);
        foreach (IGrouping<string, CollapsedRule> group in rules.GroupBy(r => r.Trigger.Key))
        {
            buckets[group.Key] = Bucket.Build([.. group]);
        }

        return new RuleIndex(buckets, rules, problems);
    }

    /// <summary>The rules of the key whose criteria match the event data, in configuration order.</summary>
    public List<CollapsedRule> Match(string key, object? data)
    {
        List<CollapsedRule> matched = [];
        if (_buckets.TryGetValue(key, out Bucket? bucket))
        {
            bucket.Match(data, matched);
        }

        return matched;
    }

    /// <summary>The rules listening to a key, with or without a match (what an event driver needs to know).</summary>
    public IReadOnlyList<CollapsedRule> RulesFor(string key) => _buckets.TryGetValue(key, out Bucket? bucket) ? bucket.All : [];

    private sealed class Bucket
    {
        private string? _field;
        private Dictionary<string, List<CollapsedRule>> _byValue = new(StringComparer.Ordinal);
        private List<CollapsedRule> _scan = [];

        public IReadOnlyList<CollapsedRule> All { get; private init; } = [];

        public static Bucket Build(List<CollapsedRule> rules)
        {
            // Index on the field that most rules pin to one plain string; the others are scanned.
            string? field = rules
                .SelectMany(r => r.Trigger.Match.Where(p => IsPlain(p.Value)).Select(p => p.Key))
                .GroupBy(k => k, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Where(g => g.Count() >= 2)
                .Select(g => g.Key)
                .FirstOrDefault();
            Bucket bucket = new() { _field = field, All = rules };
            foreach (CollapsedRule rule in rules)
            {
                if (field is not null && rule.Trigger.Match.TryGetValue(field, out object? value) && IsPlain(value))
                {
                    string text = (string)value!;
                    if (!bucket._byValue.TryGetValue(text, out List<CollapsedRule>? list))
                    {
                        bucket._byValue[text] = list = [];
                    }

                    list.Add(rule);
                }
                else
                {
                    bucket._scan.Add(rule);
                }
            }

            return bucket;
        }

        public void Match(object? data, List<CollapsedRule> matched)
        {
            if (_field is null)
            {
                Check(_scan, data, matched);
                return;
            }

            List<CollapsedRule>? indexed = null;
            object? actual = data is IDictionary<string, object?> map && map.TryGetValue(_field, out object? v) ? v : null;
            if (actual is string text)
            {
                indexed = _byValue.GetValueOrDefault(text);
            }
            else if (actual is IList<object?> list)
            {
                // A list matches a plain criterion when any element equals it.
                indexed = [.. list.OfType<string>().Distinct(StringComparer.Ordinal).SelectMany(s => _byValue.GetValueOrDefault(s) ?? []).Distinct()];
            }

            if (indexed is null or { Count: 0 })
            {
                Check(_scan, data, matched);
                return;
            }

            if (_scan.Count == 0)
            {
                Check(indexed, data, matched);
                return;
            }

            int before = matched.Count;
            Check(indexed, data, matched);
            Check(_scan, data, matched);
            matched.Sort(before, matched.Count - before, Comparer<CollapsedRule>.Create((a, b) => a.Index.CompareTo(b.Index)));
        }

        private static void Check(List<CollapsedRule> rules, object? data, List<CollapsedRule> matched)
        {
            foreach (CollapsedRule rule in rules)
            {
                if (!rule.Rule.Suspend && rule.Trigger.Matcher.Matches(data))
                {
                    matched.Add(rule);
                }
            }
        }

        /// <summary>A plain criterion: text that is not a regular expression.</summary>
        private static bool IsPlain(object? value) => value is string s && !s.StartsWith(":regex:", StringComparison.Ordinal);
    }
}
