using Honeydipper.Core.Values;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// sprig's list functions. They accept any list (Go's reflection over slices) and return new <c>[]interface {}</c> lists;
/// the <c>must*</c> forms return the same errors the plain forms raise (sprig's plain forms panic, which Go's template
/// engine turns into the same error).
/// </summary>
internal static class SprigLists
{
    public static IEnumerable<TemplateFunction> All()
    {
        TemplateFunction push = F("push", [A, A], a => Push(a[0], a[1]));
        TemplateFunction prepend = F("prepend", [A, A], a => Prepend(a[0], a[1]));
        TemplateFunction first = F("first", [A], a => First(a[0]));
        TemplateFunction rest = F("rest", [A], a => Rest(a[0]));
        TemplateFunction last = F("last", [A], a => Last(a[0]));
        TemplateFunction initial = F("initial", [A], a => Initial(a[0]));
        TemplateFunction reverse = F("reverse", [A], a => Reverse(a[0]));
        TemplateFunction compact = F("compact", [A], a => Compact(a[0]));
        TemplateFunction uniq = F("uniq", [A], a => Uniq(a[0]));
        TemplateFunction without = V("without", [A], A, a => Without(a[0], a[1..]));
        TemplateFunction has = F("has", [A, A], a => Has(a[0], a[1]));
        TemplateFunction slice = V("slice", [A], A, a => Slice(a[0], a[1..]));
        TemplateFunction chunk = F("chunk", [I, A], a => Chunk((int)a[0]!, a[1]));
        return
        [
            V("list", [], A, a => a.ToList()),
            V("tuple", [], A, a => a.ToList()),
            .. Aliases(push, "push", "append", "mustPush", "mustAppend"),
            .. Aliases(prepend, "prepend", "mustPrepend"),
            .. Aliases(first, "first", "mustFirst"),
            .. Aliases(rest, "rest", "mustRest"),
            .. Aliases(last, "last", "mustLast"),
            .. Aliases(initial, "initial", "mustInitial"),
            .. Aliases(reverse, "reverse", "mustReverse"),
            .. Aliases(compact, "compact", "mustCompact"),
            .. Aliases(uniq, "uniq", "mustUniq"),
            .. Aliases(without, "without", "mustWithout"),
            .. Aliases(has, "has", "mustHas"),
            .. Aliases(slice, "slice", "mustSlice"),
            .. Aliases(chunk, "chunk", "mustChunk"),
            V("concat", [], A, a => Concat(a)),
            C("until", [I], null, (c, a) => UntilStep(c, 0, (int)a[0]!, (int)a[0]! < 0 ? -1 : 1)),
            C("untilStep", [I, I, I], null, (c, a) => UntilStep(c, (int)a[0]!, (int)a[1]!, (int)a[2]!)),
            C("seq", [], I, (c, a) => Seq(c, [.. a.Cast<int>()])),
        ];
    }

    /// <summary>The elements of a Go slice value, or Go's error naming the kind (e.g. "Cannot push on type map").</summary>
    private static IList<object?> AsList(object? v, string verb)
    {
        switch (v)
        {
            case IList<object?> list:
                return list;
            case byte[] bytes:
                return [.. bytes.Select(b => (object?)b)];
            case null:
                // reflect.TypeOf(nil).Kind() dereferences a nil type in Go.
                throw new InvalidOperationException("runtime error: invalid memory address or nil pointer dereference");
            default:
                throw new InvalidOperationException($"{verb} type {GoTypes.KindName(v)}");
        }
    }

    private static List<object?> Push(object? list, object? v)
    {
        IList<object?> l = AsList(list, "Cannot push on");
        List<object?> result = new(l.Count + 1);
        result.AddRange(l);
        result.Add(v);
        return result;
    }

    private static List<object?> Prepend(object? list, object? v)
    {
        IList<object?> l = AsList(list, "Cannot prepend on");
        List<object?> result = new(l.Count + 1) { v };
        result.AddRange(l);
        return result;
    }

    private static object? First(object? list)
    {
        IList<object?> l = AsList(list, "Cannot find first on");
        return l.Count == 0 ? null : l[0];
    }

    private static object? Last(object? list)
    {
        IList<object?> l = AsList(list, "Cannot find last on");
        return l.Count == 0 ? null : l[^1];
    }

    private static List<object?> Rest(object? list)
    {
        IList<object?> l = AsList(list, "Cannot find rest on");
        return l.Count == 0 ? [] : [.. l.Skip(1)];
    }

    private static List<object?> Initial(object? list)
    {
        IList<object?> l = AsList(list, "Cannot find initial on");
        return l.Count == 0 ? [] : [.. l.Take(l.Count - 1)];
    }

    private static List<object?> Reverse(object? list)
    {
        List<object?> result = [.. AsList(list, "Cannot find reverse on")];
        result.Reverse();
        return result;
    }

    private static List<object?> Compact(object? list) =>
        [.. AsList(list, "Cannot compact on").Where(item => !SprigDefaults.Empty(item))];

    private static List<object?> Uniq(object? list)
    {
        List<object?> dest = [];
        foreach (object? item in AsList(list, "Cannot find uniq on"))
        {
            if (!dest.Any(d => DeepEqual.Equal(item, d)))
            {
                dest.Add(item);
            }
        }

        return dest;
    }

    private static List<object?> Without(object? list, object?[] omit) =>
        [.. AsList(list, "Cannot find without on").Where(item => !omit.Any(o => DeepEqual.Equal(item, o)))];

    private static bool Has(object? needle, object? haystack)
    {
        if (haystack is null)
        {
            return false;
        }

        return AsList(haystack, "Cannot find has on").Any(item => DeepEqual.Equal(needle, item));
    }

    private static object? Slice(object? list, object?[] indices)
    {
        if (list is not (IList<object?> or byte[]))
        {
            throw new InvalidOperationException(list is null
                ? "runtime error: invalid memory address or nil pointer dereference"
                : $"list should be type of slice or array but {GoTypes.KindName(list)}");
        }

        IList<object?> l = AsList(list, string.Empty);
        if (l.Count == 0)
        {
            return null;
        }

        int start = indices.Length > 0 ? Cast.ToInt32(indices[0]) : 0;
        int end = indices.Length < 2 ? l.Count : Cast.ToInt32(indices[1]);
        if (start < 0 || end < start || end > l.Count)
        {
            throw new InvalidOperationException($"reflect: slice index out of range");
        }

        IEnumerable<object?> part = l.Skip(start).Take(end - start);
        return list is GoTypedList typed ? new GoTypedList(typed.ElementType, part) : part.ToList();
    }

    private static List<object?> Concat(object?[] lists)
    {
        List<object?> result = [];
        foreach (object? list in lists)
        {
            if (list is not (IList<object?> or byte[]))
            {
                throw new InvalidOperationException(list is null
                    ? "runtime error: invalid memory address or nil pointer dereference"
                    : $"Cannot concat type {GoTypes.KindName(list)} as list");
            }

            result.AddRange(AsList(list, string.Empty));
        }

        return result;
    }

    private static GoTypedList Chunk(int size, object? list)
    {
        IList<object?> l = AsList(list, "Cannot chunk");
        if (size <= 0)
        {
            throw new InvalidOperationException("runtime error: integer divide by zero");
        }

        GoTypedList chunks = new("[]interface {}");
        for (int i = 0; i < l.Count; i += size)
        {
            chunks.Add(l.Skip(i).Take(size).ToList());
        }

        return chunks;
    }

    private static GoTypedList UntilStep(TemplateFunctionContext c, int start, int stop, int step)
    {
        GoTypedList v = new("int");
        if (stop < start)
        {
            if (step >= 0)
            {
                return v;
            }

            c.CheckSize(((long)start - stop) / -step, "untilStep");
            for (long i = start; i > stop; i += step)
            {
                v.Add((int)i);
            }

            return v;
        }

        if (step <= 0)
        {
            return v;
        }

        c.CheckSize(((long)stop - start) / step, "untilStep");
        for (long i = start; i < stop; i += step)
        {
            v.Add((int)i);
        }

        return v;
    }

    private static string Seq(TemplateFunctionContext c, int[] p)
    {
        int increment = 1;
        GoTypedList values;
        switch (p.Length)
        {
            case 1:
                int end1 = p[0];
                if (end1 < 1)
                {
                    increment = -1;
                }

                values = UntilStep(c, 1, end1 + increment, increment);
                break;
            case 2:
                int step2 = p[1] < p[0] ? -1 : 1;
                values = UntilStep(c, p[0], p[1] + step2, step2);
                break;
            case 3:
                if (p[2] < p[0])
                {
                    increment = -1;
                    if (p[1] > 0)
                    {
                        return string.Empty;
                    }
                }

                values = UntilStep(c, p[0], p[2] + increment, p[1]);
                break;
            default:
                return string.Empty;
        }

        return string.Join(' ', values);
    }
}
