using Honeydipper.Kubernetes.Runtime.Conditions;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Honeydipper.Kubernetes.Runtime.Tests.Conditions;

/// <summary>Conditions change lastTransitionTime only when their status flips.</summary>
public sealed class ConditionSetTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public void Setting_the_same_condition_again_changes_nothing()
    {
        List<V1Condition> conditions = [];
        Assert.True(ConditionSet.Set(conditions, "Ready", ConditionStatus.True, "Valid", "ok", 1, time));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(ConditionSet.Set(conditions, "Ready", ConditionStatus.True, "Valid", "ok", 1, time));
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), Assert.Single(conditions).LastTransitionTime);
    }

    [Fact]
    public void A_new_message_keeps_the_transition_time_and_a_flip_moves_it()
    {
        List<V1Condition> conditions = [];
        ConditionSet.Set(conditions, "Ready", ConditionStatus.False, "Invalid", "spec.when: Required value", 1, time);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(ConditionSet.Set(conditions, "Ready", ConditionStatus.False, "Invalid", "spec.do: missing", 2, time));
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), conditions[0].LastTransitionTime);
        Assert.Equal(2, conditions[0].ObservedGeneration);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(ConditionSet.Set(conditions, "Ready", ConditionStatus.True, "Valid", "", 2, time));
        Assert.Equal(new DateTime(2026, 1, 2, 3, 6, 5, DateTimeKind.Utc), conditions[0].LastTransitionTime);
        Assert.True(ConditionSet.IsTrue(conditions, "Ready"));
    }

    [Fact]
    public void Conditions_of_other_types_are_left_alone_and_can_be_removed()
    {
        List<V1Condition> conditions = [];
        ConditionSet.Set(conditions, "Ready", ConditionStatus.True, "Valid", "", 1, time);
        ConditionSet.Set(conditions, "Available", ConditionStatus.False, "Scaling", "0/1", 1, time);
        Assert.Equal(["Ready", "Available"], conditions.Select(c => c.Type));
        Assert.True(ConditionSet.Remove(conditions, "Available"));
        Assert.False(ConditionSet.Remove(conditions, "Available"));
        Assert.Null(ConditionSet.Find(conditions, "Available"));
    }
}
