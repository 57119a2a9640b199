using System.Text.RegularExpressions;

namespace TeamsItBot.Support.FollowUp;

/// <summary>Spanish: "estado de ITSUPPORT-12", "añade un comentario a 12: ...", "ya funciona, ciérralo", "el problema ha vuelto".</summary>
public static partial class FollowUpPhrasings
{
    public static FollowUpPhrasing Spanish { get; } = new(
        "es",
        SpanishMyTickets(),
        SpanishStatusWords(),
        SpanishNumber(),
        [SpanishTopicAfterPreposition(), SpanishTopicAtEnd()],
        Words("abierto abierta cerrado cerrada ultimo ultima nuevo nueva actual favor esta sigue ya aun todavia ahora it ti soporte jira hoy ayer"),
        [SpanishCommentVerbFirst(), SpanishCommentNounFirst(), SpanishCommentOn()],
        SpanishReopen(),
        SpanishResolve(),
        SpanishResolveItself(),
        SpanishNegation(),
        SpanishTicketObject());

    private const string Courtesy = @"(?:(?:por\s+favor|porfa|puedes|puede|podrias|podria|me\s+puedes|me\s+puede|me\s+podrias|me\s+podria)\s*,?\s*)?";

    [GeneratedRegex(@"\b(?:mis|nuestros|nuestras)\s+(?:tickets|incidencias|solicitudes|peticiones|incidentes)\b|\bque\s+tickets\s+(?:tengo|hay|abri|he\s+abierto)\b"
        + @"|^[\s?!¿¡]*(?:muestrame|muestra|ensename|ver|lista|listar|dame)\s+(?:todos\s+)?(?:mis\s+)?tickets\b", Options)]
    private static partial Regex SpanishMyTickets();

    [GeneratedRegex(@"\b(?:estado|novedad|novedades|noticias|news|info|informacion|detalles?|avance|progreso|seguimiento|actualizacion|que\s+pasa|que\s+hay|que\s+tal"
        + @"|como\s+(?:va|vamos|esta|sigue)|en\s+que\s+(?:esta|quedo|va)|donde\s+esta|se\s+sabe\s+algo|sabes\s+algo|sabe\s+algo|algo\s+nuevo|revisa|consulta|consultar|ver|muestra|muestrame)\b", Options)]
    private static partial Regex SpanishStatusWords();

    [GeneratedRegex(@"(?:#|\b(?:ticket|tickets|incidencia|solicitud|numero|del|sobre|de|al)\s+#?|(?<!\bdesde\s)\bel\s+#?|\bn[°º]\s*|\bnro\.?\s*)(?<n>\d{1,12})\b(?![.,:/h]\d)"
        + @"(?!\s*(?:%|h\b|hora|minuto|segundo|dia|semana|mes|ano|vez|veces|gb\b|mb\b|de\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)))", Options)]
    private static partial Regex SpanishNumber();

    [GeneratedRegex(@"\b(?:mi|el|tu|su)\s+(?:ticket|incidencia|solicitud|peticion)\s+(?:de|del|sobre|para|por|con|acerca\s+de|relacionad[oa]\s+con)\s+"
        + @"(?:(?:el|la|los|las|mi|mis|un|una)\s+)?(?<topic>[\p{L}\p{N}][\p{L}\p{N}-]*)", Options)]
    private static partial Regex SpanishTopicAfterPreposition();

    [GeneratedRegex(@"\b(?:mi|el)\s+(?:ticket|incidencia|solicitud)\s+(?<topic>[\p{L}\p{N}][\p{L}\p{N}-]*)\s*(?:[?!.,;]|$)", Options)]
    private static partial Regex SpanishTopicAtEnd();

    [GeneratedRegex(@"^[\s?!¿¡]*" + Courtesy + @"(?:anade|anada|anadir|agrega|agregue|agregar|pon|ponga|poner|deja|deje|dejar|escribe|escriba|escribir|publica|publique|mete|meta|incluye|incluya)\s+"
        + @"(?:(?:un|una|este|esta|mi|el|la)\s+)?(?:comentario|nota|mensaje|observacion)"
        + @"(?:\s+(?:a|al|en|para|sobre)\s+(?<target>[^\s:,?]+(?:\s+[^\s:,?]+){0,5}?))?\s*(?::|\?|\s-\s|,|\bdiciendo\b|\bque\b|$)\s*(?<text>[\s\S]*)$", Options)]
    private static partial Regex SpanishCommentVerbFirst();

    [GeneratedRegex(@"^(?:(?:un|nuevo)\s+)?(?:comentario|nota)(?:\s+(?:a|al|en|para|sobre)\s+(?<target>[^\s:,?]+(?:\s+[^\s:,?]+){0,5}?))?\s*(?::|\s-\s)\s*(?<text>[\s\S]*)$"
        + @"|^(?:(?:un|nuevo)\s+)?(?:comentario|nota)\s+(?:a|al|en|para|sobre)\s+(?<target>[^\s:,?]+(?:\s+[^\s:,?]+){0,5}?)\s*[?!.]*$", Options)]
    private static partial Regex SpanishCommentNounFirst();

    [GeneratedRegex(@"^[\s?!¿¡]*" + Courtesy + @"(?:comenta|comente|comentar)\s+(?:(?:en|sobre|a|al|el)\s+)?(?<target>[^\s:,?]+(?:\s+[^\s:,?]+){0,5}?)\s*(?::|\s-\s|,|$)\s*(?<text>[\s\S]*)$", Options)]
    private static partial Regex SpanishCommentOn();

    [GeneratedRegex(@"\b(?:el\s+problema|el\s+error|el\s+fallo|la\s+averia|la\s+incidencia|esto|eso)\s+(?:ha\s+|se\s+ha\s+)?(?:vuelto|volvio|regresado|regreso|reaparecido|reaparecio|vuelve)\b(?!\s+a\s+funcionar)"
        + @"|\bha\s+vuelto\b(?!\s+a\s+funcionar)|\b(?:volvio|vuelve|ha\s+vuelto)\s+a\s+(?:pasar|fallar|salir)\b"
        + @"|\b(?:reabre|reabra|reabrir|reabrelo|reabrela|reabralo|reabrala|reabrirlo|reabrirla)\b|\b(?:vuelve|vuelva|volver)\s+a\s+abrir(?:lo|la)?\b"
        + @"|\b(?:abre|abra|abrelo|abrela|abralo|abrala|abrir|abrirlo|abrirla)\s+(?:(?:el\s+ticket|la\s+incidencia|\S+-\d+)\s+)?(?:de\s+nuevo|otra\s+vez)\b", Options)]
    private static partial Regex SpanishReopen();

    [GeneratedRegex(@"(?<!\b(?:se|me|lo|la)\s)\b(?:cierra|cierre|cerrar|cierralo|cierrala|cierrelo|cierrela|cerrarlo|cerrarla|cierrenlo)\b"
        + @"|\b(?:da|de|dalo|dala|delo|dela|dar|darlo)\s+(?:(?:el\s+ticket|la\s+incidencia|\S+-\d+)\s+)?por\s+(?:resuelt[oa]|cerrad[oa]|solucionad[oa])\b"
        + @"|\b(?:marca|marque|marcalo|marcala|marquelo|marcar)\s+(?:(?:el\s+ticket|la\s+incidencia|\S+-\d+)\s+)?como\s+(?:resuelt[oa]|cerrad[oa]|solucionad[oa])\b", Options)]
    private static partial Regex SpanishResolve();

    [GeneratedRegex(@"\b(?:cierralo|cierrala|cierrelo|cierrela|cierrenlo|cierrenla)\b|\b(?:puedes|puede|podrias|podria|pueden|podeis)\s+(?:ya\s+)?(?:cerrarlo|cerrarla|cerrar\s*(?:[.!?,]|$))"
        + @"|\b(?:dalo|dala|delo|dela|marcalo|marcala|marquelo|marquela)\s+(?:por|como)\s+(?:resuelt[oa]|cerrad[oa]|solucionad[oa])\b", Options)]
    private static partial Regex SpanishResolveItself();

    [GeneratedRegex(@"(?<!\bya\s)\bno\b|\b(?:nunca|jamas|solo|sola|siempre|cada|cuando|sigue|todavia|aun|imposible|tengo\s+que|hay\s+que|de\s+repente|sin\s+parar|sin\s+motivo"
        + @"|como\s+(?:puedo|se|cierro|hago))\b|\bse\s+(?:cierra|cierran|cerro|cerraron|abre|reabre)\b", Options)]
    private static partial Regex SpanishNegation();

    [GeneratedRegex(@"\b(?:ticket|tickets|incidencia|solicitud|peticion)\b", Options)]
    private static partial Regex SpanishTicketObject();
}
