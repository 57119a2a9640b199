using TeamsItBot.Support.FollowUp;

namespace TeamsItBot.Tests.Support.FollowUp;

/// <summary>Spanish phrasings (usted and tú, with and without accents) and Spanish problems that stay problems.</summary>
public sealed class SpanishFollowUpPhrasingTests
{
    [Theory]
    [InlineData("mis tickets", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("Muéstrame mis tickets abiertos", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("¿Cómo van mis incidencias?", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("estado de ITSUPPORT-12", FollowUpIntent.TicketStatus, "ITSUPPORT-12", null, null)]
    [InlineData("¿En qué estado está ITSUPPORT-12?", FollowUpIntent.TicketStatus, "ITSUPPORT-12", null, null)]
    [InlineData("¿hay novedades del 12?", FollowUpIntent.TicketStatus, null, "12", null)]
    [InlineData("hay novedades del 12", FollowUpIntent.TicketStatus, null, "12", null)]
    [InlineData("¿Cómo va el ticket 12?", FollowUpIntent.TicketStatus, null, "12", null)]
    [InlineData("¿qué pasa con mi ticket de la VPN?", FollowUpIntent.TicketStatus, null, null, "VPN")]
    [InlineData("que pasa con mi ticket de la VPN", FollowUpIntent.TicketStatus, null, null, "VPN")]
    [InlineData("¿Se sabe algo de mi incidencia sobre la impresora?", FollowUpIntent.TicketStatus, null, null, "impresora")]
    [InlineData("ya funciona, ciérralo", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("ya funciona, cierralo", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("Ya no falla, ciérrelo por favor", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("Puede cerrar el ticket, ya está resuelto", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("cierra ITSUPPORT-12", FollowUpIntent.Resolve, "ITSUPPORT-12", null, null)]
    [InlineData("Ya puedes cerrarlo", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("el problema ha vuelto", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("Ha vuelto el problema", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("El error volvió", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("reabre ITSUPPORT-12", FollowUpIntent.Reopen, "ITSUPPORT-12", null, null)]
    [InlineData("¿Puede volver a abrir el ticket?", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("ábrelo de nuevo", FollowUpIntent.Reopen, null, null, null)]
    public void Recognizes_spanish_phrasings(string text, FollowUpIntent intent, string? key, string? number, string? topic)
    {
        var command = FollowUpCommandRecognizer.Recognize(text);

        Assert.NotNull(command);
        Assert.Equal((intent, key, number, topic), (command.Intent, command.Key, command.Number, command.Topic));
    }

    [Theory]
    [InlineData("añade un comentario a ITSUPPORT-12: también pasa en la base de acoplamiento", "ITSUPPORT-12", null, null, "también pasa en la base de acoplamiento")]
    [InlineData("anade un comentario a ITSUPPORT-12: tambien pasa", "ITSUPPORT-12", null, null, "tambien pasa")]
    [InlineData("Agregue una nota al ticket 12: el código de error es 0x80070005", null, "12", null, "el código de error es 0x80070005")]
    [InlineData("¿Puedes añadir un comentario a ITSUPPORT-4? línea uno\nlínea dos", "ITSUPPORT-4", null, null, "línea uno\nlínea dos")]
    [InlineData("comentario para ITSUPPORT-5: mi jefe lo ha aprobado", "ITSUPPORT-5", null, null, "mi jefe lo ha aprobado")]
    [InlineData("añade un comentario a mi ticket de la VPN: desde el lunes", null, null, "VPN", "desde el lunes")]
    [InlineData("comenta en ITSUPPORT-6", "ITSUPPORT-6", null, null, null)]
    public void Recognizes_spanish_comments_with_their_target_and_text(string text, string? key, string? number, string? topic, string? comment)
    {
        var command = FollowUpCommandRecognizer.Recognize(text);

        Assert.NotNull(command);
        Assert.Equal((FollowUpIntent.AddComment, key, number, topic, comment), (command.Intent, command.Key, command.Number, command.Topic, command.Text));
    }

    [Theory]
    [InlineData("Outlook se cierra solo")]
    [InlineData("Teams se cierra cada vez que lo abro")]
    [InlineData("no puedo cerrar la ventana")]
    [InlineData("Outlook se cuelga y tengo que cerrarlo")]
    [InlineData("cuando cierro la tapa la pantalla se queda negra")]
    [InlineData("el programa cierra la sesión sin avisar")]
    [InlineData("el cierre de sesión falla")]
    [InlineData("el error vuelve cada mañana")]
    [InlineData("ha vuelto a funcionar")]
    [InlineData("el estado de Teams siempre sale ausente")]
    [InlineData("el correo no llega desde el 12")]
    [InlineData("¿qué pasa con el correo desde el 12?")]
    [InlineData("el comentario no se guarda en Word")]
    [InlineData("necesito un ticket")]
    [InlineData("quiero abrir un ticket para la VPN")]
    [InlineData("sí, ya funciona")]
    [InlineData("sigue sin funcionar")]
    [InlineData("cancelar")]
    public void Leaves_spanish_problem_descriptions_and_dialog_answers_alone(string text) =>
        Assert.Null(FollowUpCommandRecognizer.Recognize(text));
}
