using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Engine.Rules;

/// <summary>A rule ready to match: its position in the configuration, its name for messages and its collapsed trigger.</summary>
public sealed record CollapsedRule(int Index, string Subject, RuleDefinition Rule, CollapsedTrigger Trigger);
