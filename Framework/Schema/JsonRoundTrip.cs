using System.Buffers;
using System.Text.Json;

namespace TeamsItBot.Framework.Schema;

/// <summary>
/// Converts a value to another type through its JSON text (<see cref="BotJson.Options"/>), the
/// way it would come back from storage. The text goes through a per-thread buffer that is reused:
/// no JsonDocument and no array per conversion.
/// </summary>
internal static class JsonRoundTrip
{
    // Buffers that grew past this for one big value are dropped rather than kept for the thread's life.
    private const int MaxKeptBytes = 256 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = BotJson.Options.Encoder,
        MaxDepth = BotJson.MaxDepth,
    };

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>Writes <paramref name="value"/> as its runtime type and reads the text back as <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The text cannot be read as <typeparamref name="T"/>.</exception>
    public static T? Convert<T>(object value)
    {
        // Taken, not shared: a converter that converts again while this text is being read gets its own.
        var scratch = t_scratch ?? new Scratch();
        t_scratch = null;
        try
        {
            scratch.Writer.Reset(scratch.Buffer);
            JsonSerializer.Serialize(scratch.Writer, value, value.GetType(), BotJson.Options);
            scratch.Writer.Flush();
            return JsonSerializer.Deserialize<T>(scratch.Buffer.WrittenSpan, BotJson.Options);
        }
        finally
        {
            if (scratch.Buffer.Capacity <= MaxKeptBytes)
            {
                scratch.Buffer.ResetWrittenCount();
                t_scratch = scratch;
            }
        }
    }

    private sealed class Scratch
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(4096);

        public Utf8JsonWriter Writer { get; }

        public Scratch() => Writer = new Utf8JsonWriter(Buffer, WriterOptions);
    }
}
