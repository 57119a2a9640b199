using System.Text.Json;
using System.Text.Json.Serialization;
using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.Framework.Dialogs;

/// <summary>How dialog value bags read back from JSON, and how their values convert to typed ones.</summary>
public sealed class DialogValueTests
{
    [Fact]
    public void A_bag_reads_back_as_plain_clr_values()
    {
        var instance = JsonSerializer.Deserialize<DialogInstance>(
            """{"id":"d","state":{"s":"x","i":7,"l":5000000000,"d":2.5,"whole":3.0,"t":true,"f":false,"n":null,"o":{"a":[1,{"b":"c"},[]]},"e":{}}}""",
            BotJson.Options)!;

        var state = instance.State;
        Assert.Equal("x", state["s"]);
        Assert.Equal(7, state["i"]);
        Assert.Equal(5_000_000_000L, state["l"]);
        Assert.Equal(2.5, state["d"]);
        Assert.Equal(3.0, state["whole"]);
        Assert.Equal(true, state["t"]);
        Assert.Equal(false, state["f"]);
        Assert.Null(state["n"]);
        var nested = Assert.IsType<Dictionary<string, object?>>(state["o"]);
        var list = Assert.IsType<List<object?>>(nested["a"]);
        Assert.Equal(1, list[0]);
        Assert.Equal("c", Assert.IsType<Dictionary<string, object?>>(list[1])["b"]);
        Assert.Empty(Assert.IsType<List<object?>>(list[2]));
        Assert.Empty(Assert.IsType<Dictionary<string, object?>>(state["e"]));
        Assert.Equal(10, state.Count);
    }

    [Theory]
    [InlineData("""{"id":"d","state":[1]}""")]
    [InlineData("""{"id":"d","state":"text"}""")]
    [InlineData("""{"id":"d","state":5}""")]
    public void A_bag_that_is_not_an_object_is_refused(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DialogInstance>(json, BotJson.Options));

    [Fact]
    public void A_bag_round_trips_with_its_values_written_by_runtime_type()
    {
        var instance = new DialogInstance
        {
            Id = "d",
            State = new Dictionary<string, object?> { ["r"] = new Item("a", 1), ["n"] = null, ["l"] = new List<object?> { 1L, 2.5, "s" } },
        };

        var json = JsonSerializer.Serialize(instance, BotJson.Options);
        Assert.Equal("""{"id":"d","state":{"r":{"name":"a","count":1},"n":null,"l":[1,2.5,"s"]}}""", json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<DialogInstance>(json, BotJson.Options), BotJson.Options));
    }

    [Fact]
    public void GetValue_turns_the_json_shape_into_the_type_asked_for_and_keeps_it()
    {
        var values = new Dictionary<string, object?>
        {
            ["item"] = new Dictionary<string, object?> { ["name"] = "a", ["count"] = 2 },
            ["count"] = 3,
        };

        var item = values.GetValue<Item>("item");
        Assert.Equal(new Item("a", 2), item);
        Assert.Same(values["item"], values.GetValue<Item>("item"));
        Assert.Equal(3L, values.GetValue<long>("count"));
        Assert.Equal(3L, values["count"]);
        Assert.Null(values.GetValue<Item>("missing"));
    }

    [Fact]
    public void ConvertTo_returns_a_value_of_the_type_itself_and_converts_json_elements()
    {
        var item = new Item("a", 1);
        Assert.Same(item, DialogValueExtensions.ConvertTo<Item>(item));
        Assert.Equal(item, DialogValueExtensions.ConvertTo<Item>(JsonSerializer.SerializeToElement(item, BotJson.Options)));
        Assert.Equal(item, DialogValueExtensions.ConvertTo<Item>(new Dictionary<string, object?> { ["Name"] = "a", ["count"] = 1 }));
        Assert.Equal(default, DialogValueExtensions.ConvertTo<Item>(null));
    }

    [Fact]
    public void A_value_that_cannot_be_read_as_the_type_says_which()
    {
        var values = new Dictionary<string, object?> { ["count"] = "many" };

        var error = Assert.Throws<InvalidOperationException>(() => values.GetValue<int>("count"));
        Assert.Contains("'count'", error.Message, StringComparison.Ordinal);
        Assert.Equal("many", values["count"]);
    }

    [Fact]
    public void A_conversion_inside_a_conversion_gets_its_own_buffer()
    {
        var outer = new Dictionary<string, object?>
        {
            ["inner"] = new Dictionary<string, object?> { ["name"] = "deep", ["count"] = 9 },
            ["label"] = new string('x', 10_000),
        };

        var wrapper = DialogValueExtensions.ConvertTo<Wrapper>(outer)!;
        Assert.Equal(new Item("deep", 9), wrapper.Inner);
        Assert.Equal(10_000, wrapper.Label.Length);
    }

    public static TheoryData<string> InnerStates() => new()
    {
        "plain",
        "double",
        "live record",
        "surrogate",
        "odd key",
        "null id",
    };

    [Theory]
    [MemberData(nameof(InnerStates))]
    public void A_components_inner_state_converts_as_its_json_round_trip_would(string kind)
    {
        var bag = InnerState(kind);
        var viaJson = JsonSerializer.Deserialize<DialogState>(JsonSerializer.Serialize(InnerState(kind), BotJson.Options), BotJson.Options)!;

        var converted = new Dictionary<string, object?> { ["dialogs"] = bag }.GetValue<DialogState>("dialogs")!;

        Assert.Equal(kind == "plain", DialogStateShape.TryConvert(InnerState(kind), out _));
        Assert.Equal(Describe(viaJson), Describe(converted));
        Assert.Equal(JsonSerializer.Serialize(viaJson, BotJson.Options), JsonSerializer.Serialize(converted, BotJson.Options));
        converted.DialogStack[0].State["added"] = 1;
        ((Dictionary<string, object?>)converted.DialogStack[0].State["nested"]!)["added"] = 1;
        Assert.Equal(Describe(viaJson), Describe(JsonSerializer.Deserialize<DialogState>(JsonSerializer.Serialize(bag, BotJson.Options), BotJson.Options)!));
    }

    private static Dictionary<string, object?> InnerState(string kind)
    {
        var state = new Dictionary<string, object?>
        {
            ["stepIndex"] = 1,
            ["small"] = 5L,
            ["big"] = 5_000_000_000L,
            ["flag"] = false,
            ["none"] = null,
            ["text"] = "h\u00e9 \"x\" <b>",
            ["nested"] = new Dictionary<string, object?> { ["list"] = new List<object?> { 1, 2L, "3", new List<object?>(), new Dictionary<string, object?>() } },
        };
        var first = new Dictionary<string, object?> { ["id"] = "prompt", ["state"] = state };
        switch (kind)
        {
            case "double":
                state["ratio"] = 3.0;
                break;
            case "live record":
                state["item"] = new Item("a", 1);
                break;
            case "surrogate":
                state["emoji"] = "\U0001F600";
                break;
            case "odd key":
                first["Id"] = first["id"];
                first.Remove("id");
                break;
            case "null id":
                first["id"] = null;
                break;
        }

        return new Dictionary<string, object?>
        {
            ["dialogStack"] = new List<object?> { first, new Dictionary<string, object?> { ["id"] = "steps", ["state"] = new Dictionary<string, object?>() } },
        };
    }

    /// <summary>Values with their runtime types, so an int and a long of the same number differ.</summary>
    private static string Describe(object? value) => value switch
    {
        null => "null",
        DialogState state => "[" + string.Join(",", state.DialogStack.Select(Describe)) + "]",
        DialogInstance instance => $"{instance.Id}:{Describe(instance.State)}",
        IDictionary<string, object?> bag => "{" + string.Join(",", bag.Select(p => $"{p.Key}={Describe(p.Value)}")) + "}",
        List<object?> list => "[" + string.Join(",", list.Select(Describe)) + "]",
        _ => $"{value.GetType().Name}:{JsonSerializer.Serialize(value, BotJson.Options)}",
    };

    public sealed record Item(string Name, int Count);

    [JsonConverter(typeof(WrapperConverter))]
    public sealed record Wrapper(Item Inner, string Label);

    /// <summary>Reads its parts as dialog values, converting again while the outer text is being read.</summary>
    private sealed class WrapperConverter : JsonConverter<Wrapper>
    {
        public override Wrapper Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var bag = new DialogValuesConverter().Read(ref reader, typeof(IDictionary<string, object?>), options);
            return new Wrapper(bag.GetValue<Item>("inner")!, bag.GetValue<string>("label")!);
        }

        public override void Write(Utf8JsonWriter writer, Wrapper value, JsonSerializerOptions options) =>
            throw new NotSupportedException();
    }
}
