namespace TeamsItBot.Framework.Dialogs;

/// <summary>What a waterfall step sees: the dialog context plus the step's position, options, values and result.</summary>
public sealed class WaterfallStepContext : DialogContext
{
    private readonly WaterfallDialog _parent;
    private bool _nextCalled;

    internal WaterfallStepContext(WaterfallDialog parent, DialogContext dc, object? options, IDictionary<string, object?> values, int index, DialogReason reason, object? result)
        : base(dc.Dialogs, dc.Context, dc.State)
    {
        _parent = parent;
        Parent = dc.Parent;
        Options = options;
        Values = values;
        Index = index;
        Reason = reason;
        Result = result;
    }

    public int Index { get; }

    /// <summary>
    /// The options the waterfall was begun with. After a turn boundary they are in their JSON shape;
    /// use <see cref="GetOptions{T}"/> rather than a cast.
    /// </summary>
    public object? Options { get; }

    /// <summary>Values kept for the whole waterfall, across turns; see <see cref="DialogValueExtensions.GetValue{T}"/>.</summary>
    public IDictionary<string, object?> Values { get; }

    public DialogReason Reason { get; }

    /// <summary>The previous step's result: the prompt's answer, a child dialog's result, or the user's text.</summary>
    public object? Result { get; }

    public T? GetOptions<T>() => DialogValueExtensions.ConvertTo<T>(Options);

    public T? GetResult<T>() => DialogValueExtensions.ConvertTo<T>(Result);

    /// <summary>Skips to the next step in this turn, handing it <paramref name="result"/>.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"WaterfallStepContext.NextAsync(): called twice in step {Index} of '{_parent.Id}'.");
        }

        _nextCalled = true;
        return _parent.ResumeDialogAsync(this, DialogReason.NextCalled, result, cancellationToken);
    }
}
