namespace TeamsItBot.Framework.Dialogs;

/// <summary>
/// Turns the JSON shape of a component's inner <see cref="DialogState"/> (as a value bag reads it
/// back) into the object without going through JSON. Nested components each converted their
/// whole subtree through JSON on every turn, so the deepest state was written and parsed once per
/// level. Only a bag whose JSON round trip is known exactly is taken: the copy is what the round
/// trip would give (fresh dictionaries and lists, a long that fits an int becomes an int); anything
/// else (a live object, a double, a surrogate, other key spellings) is left to JSON.
/// </summary>
internal static class DialogStateShape
{
    // Far below BotJson.MaxDepth: anything deeper is left to JSON, which enforces that limit.
    private const int MaxDepth = 32;

    public static bool TryConvert(Dictionary<string, object?> bag, out DialogState state)
    {
        state = null!;
        if (!IsBag(bag) || bag.Count != 1 || !bag.TryGetValue("dialogStack", out var stackValue) || !IsList(stackValue))
        {
            return false;
        }

        var items = (List<object?>)stackValue!;

        var stack = new List<DialogInstance>(items.Count);
        foreach (var item in items)
        {
            if (!IsBag(item) || !TryInstance((Dictionary<string, object?>)item!, out var instance))
            {
                return false;
            }

            stack.Add(instance);
        }

        state = new DialogState { DialogStack = stack };
        return true;
    }

    private static bool TryInstance(Dictionary<string, object?> fields, out DialogInstance instance)
    {
        instance = new DialogInstance();
        foreach (var (key, value) in fields)
        {
            switch (key)
            {
                case "id" when value is string id && IsPlain(id):
                    instance.Id = id;
                    break;
                case "state" when IsBag(value) && TryCopy((Dictionary<string, object?>)value!, 0, out var copy):
                    instance.State = copy;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool TryCopy(Dictionary<string, object?> bag, int depth, out Dictionary<string, object?> copy)
    {
        copy = new Dictionary<string, object?>(bag.Count, StringComparer.Ordinal);
        foreach (var (key, value) in bag)
        {
            if (!IsPlain(key) || !TryCopyValue(value, depth + 1, out var copied))
            {
                return false;
            }

            copy[key] = copied;
        }

        return true;
    }

    private static bool TryCopyValue(object? value, int depth, out object? copy)
    {
        copy = value;
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (value)
        {
            case null or bool or int:
                return true;
            case long l:
                // Written as digits, read back as the smallest of int and long that holds them (boxed apart: ?: would make both long).
                copy = l is >= int.MinValue and <= int.MaxValue ? (object)(int)l : l;
                return true;
            case string s:
                return IsPlain(s);
            case Dictionary<string, object?> bag when IsBag(bag):
                var copied = TryCopy(bag, depth, out var dictionary);
                copy = dictionary;
                return copied;
            case List<object?> list when IsList(list):
                var items = new List<object?>(list.Count);
                foreach (var item in list)
                {
                    if (!TryCopyValue(item, depth + 1, out var element))
                    {
                        return false;
                    }

                    items.Add(element);
                }

                copy = items;
                return true;
            default:
                return false;
        }
    }

    // Exactly the types a bag is read back as: a subclass could serialize differently.
    private static bool IsBag(object? value) => value?.GetType() == typeof(Dictionary<string, object?>);

    private static bool IsList(object? value) => value?.GetType() == typeof(List<object?>);

    // A surrogate could be unpaired, which the JSON round trip refuses; such text is left to it.
    private static bool IsPlain(string text) => text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0;
}
