<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_AR" sourcelanguage="en">
<context>
    <name>AuditLogDialog</name>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="65"/>
        <source>Audit log</source>
        <translation>Registro de cambios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="71"/>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="73"/>
        <source>&amp;Day:</source>
        <translation>&amp;Día:</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="73"/>
        <source>&amp;Who:</source>
        <translation>&amp;Quién:</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="81"/>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="90"/>
        <source>Fields before and after</source>
        <translation>Campos antes y después</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="96"/>
        <source>Load &amp;more</source>
        <translation>Cargar &amp;más</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="130"/>
        <source>Reading the audit log from the server…</source>
        <translation>Leyendo el registro de cambios del servidor…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="165"/>
        <location filename="../../ui/desk/audit_log.py" line="216"/>
        <source>Kiosk %1</source>
        <translation>Terminal %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="165"/>
        <location filename="../../ui/desk/audit_log.py" line="218"/>
        <source>Site hub %1</source>
        <translation>Servidor %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="175"/>
        <source>No changes are recorded for this day.</source>
        <translation>No hay cambios registrados en este día.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="186"/>
        <source>The server cannot be reached: the audit log is kept there. Try again when the desk is online.</source>
        <translation>No se puede conectar con el servidor: el registro de cambios se guarda allí. Intentá de nuevo cuando la recepción esté en línea.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="206"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="207"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="208"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="209"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="210"/>
        <source>Before → after</source>
        <translation>Antes → después</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="211"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="219"/>
        <source>a former user</source>
        <translation>un usuario que ya no está</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="225"/>
        <source>Sync %1 #%2</source>
        <translation>Sincronización %1 n.º %2</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="227"/>
        <source>Request to the server</source>
        <translation>Pedido al servidor</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="229"/>
        <source>via the site hub %1</source>
        <translation>a través del servidor %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="234"/>
        <location filename="../../ui/desk/audit_log.py" line="292"/>
        <source>Booking</source>
        <translation>Turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="236"/>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="237"/>
        <source>Walk-in ticket</source>
        <translation>Número sin turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="239"/>
        <source>Working hours</source>
        <translation>Horarios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="240"/>
        <source>Services of a provider</source>
        <translation>Servicios de un profesional</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="241"/>
        <source>Time off</source>
        <translation>Licencia</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="242"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="243"/>
        <location filename="../../ui/desk/audit_log.py" line="291"/>
        <source>Location</source>
        <translation>Sede</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="244"/>
        <source>Business</source>
        <translation>Negocio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="245"/>
        <source>Staff member</source>
        <translation>Usuario del personal</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="255"/>
        <source>%1: now “%2”</source>
        <translation>%1: ahora “%2”</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="257"/>
        <source>%1 added</source>
        <translation>%1: alta</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="258"/>
        <source>%1 moved</source>
        <translation>%1: cambio de horario</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="259"/>
        <source>%1 cancelled</source>
        <translation>%1: cancelación</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="260"/>
        <source>%1 removed</source>
        <translation>%1: baja</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="261"/>
        <source>%1 changed</source>
        <translation>%1: cambios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="266"/>
        <source>Applied</source>
        <translation>Aplicado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="267"/>
        <source>Refused: %1</source>
        <translation>Rechazado: %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="282"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="283"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="284"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="285"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="286"/>
        <location filename="../../ui/desk/audit_log.py" line="287"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="288"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="289"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="290"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="293"/>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="294"/>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="303"/>
        <source>(hidden)</source>
        <translation>(oculto)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="305"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../ui/desk/audit_log.py" line="305"/>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>BoardApp</name>
    <message>
        <location filename="../../ui/board/main.py" line="97"/>
        <source>This board is not enrolled. At the desk, File &gt; Kiosks… &gt; New queue board… gives a code; then run: turnero board --server ADDRESS --enroll CODE</source>
        <translation>Esta pantalla no está registrada. En el mostrador, Archivo &gt; Kioscos… &gt; Nueva pantalla de turnos… da un código; luego ejecute: turnero board --server DIRECCIÓN --enroll CÓDIGO</translation>
    </message>
    <message>
        <location filename="../../ui/board/main.py" line="123"/>
        <source>Getting the queue…</source>
        <translation>Cargando la fila…</translation>
    </message>
    <message>
        <location filename="../../ui/board/main.py" line="195"/>
        <source>This board was revoked at the desk. Enrol it again with a new code.</source>
        <translation>Esta pantalla fue dada de baja en el mostrador. Regístrela de nuevo con un código nuevo.</translation>
    </message>
</context>
<context>
    <name>BoardWindow</name>
    <message>
        <location filename="../../ui/board/window.py" line="104"/>
        <source>Turnero queue board</source>
        <translation>Pantalla de turnos de Turnero</translation>
    </message>
    <message>
        <location filename="../../ui/board/window.py" line="121"/>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../../ui/board/window.py" line="208"/>
        <source>Offline since %1</source>
        <translation>Sin conexión desde las %1</translation>
    </message>
    <message>
        <location filename="../../ui/board/window.py" line="232"/>
        <source>Please go to the front desk</source>
        <translation>Pase al mostrador</translation>
    </message>
    <message>
        <location filename="../../ui/board/window.py" line="230"/>
        <source>Please go to %1</source>
        <translation>Pase a %1</translation>
    </message>
</context>
<context>
    <name>BookingDetail</name>
    <message>
        <location filename="../../ui/desk/booking_detail.py" line="90"/>
        <source>Weekly series: %1 of %2, %3 to %4</source>
        <translation>Serie semanal: %1 de %2, del %3 al %4</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_detail.py" line="97"/>
        <source> (offline: only what this desk holds)</source>
        <translation> (sin conexión: solo lo que guarda esta computadora)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_detail.py" line="107"/>
        <source>Paid %1</source>
        <translation>Pagado %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_detail.py" line="109"/>
        <source>Not paid yet · %1</source>
        <translation>Sin pagar · %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_detail.py" line="111"/>
        <source>Paid %1 · due %2</source>
        <translation>Pagado %1 · debe %2</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_detail.py" line="176"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="122"/>
        <source>New booking</source>
        <translation>Nuevo turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="126"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="132"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="136"/>
        <source>Why that time cannot be booked</source>
        <translation>Por qué no se puede reservar ese horario</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="141"/>
        <source>Next free times</source>
        <translation>Próximos horarios libres</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="144"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="145"/>
        <source>R&amp;epeat</source>
        <translation>Rep&amp;etir</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="147"/>
        <source>Every how many weeks</source>
        <translation>Cada cuántas semanas</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="148"/>
        <source> week(s)</source>
        <translation> semana(s)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="150"/>
        <source>How many bookings in all</source>
        <translation>Cuántos turnos en total</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="151"/>
        <source> times</source>
        <translation> veces</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="154"/>
        <source>every</source>
        <translation>cada</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="164"/>
        <location filename="../../ui/desk/booking_dialog.py" line="176"/>
        <source>&amp;Book</source>
        <translation>&amp;Reservar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="207"/>
        <source>Any %1</source>
        <translation>Cualquier %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="174"/>
        <source>&amp;Service</source>
        <translation>&amp;Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="169"/>
        <source>Add to &amp;waitlist…</source>
        <translation>A la &amp;lista de espera…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="174"/>
        <source>&amp;Date</source>
        <translation>&amp;Fecha</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="174"/>
        <source>F&amp;ree times</source>
        <translation>&amp;Horarios libres</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="175"/>
        <source>Ne&amp;xt free times</source>
        <translation>Pró&amp;ximos libres</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="175"/>
        <source>No&amp;tes</source>
        <translation>No&amp;tas</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="286"/>
        <source>%1 has already passed.</source>
        <translation>Las %1 ya pasaron.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="288"/>
        <source>%1 is outside %2&apos;s working hours (with the time the service needs).</source>
        <translation>Las %1 quedan fuera del horario de atención de %2 (contando el tiempo que lleva el servicio).</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="290"/>
        <source>At %1 %2 is away (time off %3).</source>
        <translation>A las %1, %2 está de licencia (%3).</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="291"/>
        <source>%1 falls in %2&apos;s break (%3).</source>
        <translation>Las %1 caen en el descanso de %2 (%3).</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="292"/>
        <source>%1 overlaps %2&apos;s booking at %3.</source>
        <translation>Las %1 se superponen con un turno de %2 (%3).</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="294"/>
        <source>%1 falls in the buffer kept free around %2&apos;s booking at %3.</source>
        <translation>Las %1 caen en el margen que se deja libre alrededor de un turno de %2 (%3).</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="297"/>
        <source>At %1 the buffer this service keeps free around it would reach %2&apos;s booking at %3.</source>
        <translation>A las %1, el margen libre que necesita este servicio alcanzaría un turno de %2 (%3).</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="317"/>
        <source>choose or create the customer</source>
        <translation>elegí o creá el cliente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="320"/>
        <source>pick one of the free times</source>
        <translation>elegí uno de los horarios libres</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="376"/>
        <source>Not booked on %1: </source>
        <translation>No se reservó el %1: </translation>
    </message>
</context>
<context>
    <name>BookingHistoryDialog</name>
    <message>
        <location filename="../../ui/desk/history.py" line="45"/>
        <source>Booking history</source>
        <translation>Historial del turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="57"/>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="58"/>
        <source>Reading the history from the server…</source>
        <translation>Leyendo el historial del servidor…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="73"/>
        <source>No changes are recorded for this booking.</source>
        <translation>No hay cambios registrados para este turno.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="79"/>
        <source>The server cannot be reached: the history is kept there. Try again when the desk is online.</source>
        <translation>No se puede conectar con el servidor: el historial se guarda allí. Vuelva a intentarlo cuando el mostrador esté en línea.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="95"/>
        <source>at the kiosk %1</source>
        <translation>en el kiosco %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="97"/>
        <source>by the site hub %1</source>
        <translation>por el servidor de la sede %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="99"/>
        <source>by %1</source>
        <translation>por %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="99"/>
        <source>a former user</source>
        <translation>un usuario que ya no está</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="101"/>
        <source>via the site hub %1</source>
        <translation>a través del servidor %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="108"/>
        <source>Created %1, %2</source>
        <translation>Creado %1, %2</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="110"/>
        <source>Moved %1 from %3 to %4, %2</source>
        <translation>Movido %1 de %3 a %4, %2</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="113"/>
        <source>Cancelled %1, %2: %3</source>
        <translation>Cancelado %1, %2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="115"/>
        <source>Marked “%3” %1, %2</source>
        <translation>Marcado «%3» %1, %2</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="117"/>
        <source>A change %1 was refused (%3), %2</source>
        <translation>Un cambio %1 fue rechazado (%3), %2</translation>
    </message>
    <message>
        <location filename="../../ui/desk/history.py" line="119"/>
        <source>Changed %1, %2</source>
        <translation>Modificado %1, %2</translation>
    </message>
</context>
<context>
    <name>BookingPanel</name>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="41"/>
        <source>Selected booking</source>
        <translation>Turno seleccionado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="61"/>
        <source>Click a booking to see it here, or double-click free time to book.</source>
        <translation>Hacé clic en un turno para verlo acá, o doble clic en un horario libre para reservar.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="65"/>
        <source>Arrived</source>
        <translation>Llegó</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="66"/>
        <source>Start</source>
        <translation>Atender</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="67"/>
        <source>Complete</source>
        <translation>Finalizar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="68"/>
        <source>No-show</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="69"/>
        <source>Reschedule…</source>
        <translation>Reprogramar…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="70"/>
        <source>Cancel…</source>
        <translation>Cancelar…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="71"/>
        <source>Payment…</source>
        <translation>Cobrar…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="72"/>
        <source>Customer…</source>
        <translation>Cliente…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="73"/>
        <source>Save .ics…</source>
        <translation>Guardar .ics…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="74"/>
        <source>History…</source>
        <translation>Historial…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="75"/>
        <source>Print slip…</source>
        <translation>Imprimir comprobante…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="76"/>
        <source>Send…</source>
        <translation>Enviar…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="112"/>
        <source>Colours</source>
        <translation>Colores</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="126"/>
        <source>Break</source>
        <translation>Descanso</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="127"/>
        <source>Time off</source>
        <translation>Licencia</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="128"/>
        <source>Buffer</source>
        <translation>Margen</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="140"/>
        <source>Dashed border: not yet on the server</source>
        <translation>Borde discontinuo: todavía no está en el servidor</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="144"/>
        <source>Buffer: time a booking keeps free before or after itself (set per service).</source>
        <translation>Margen: tiempo que un turno deja libre antes o después (se define en cada servicio).</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="153"/>
        <source>Click a booking to see it here.</source>
        <translation>Hacé clic en un turno para verlo acá.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="179"/>
        <source> (waiting to sync)</source>
        <translation> (esperando sincronizar)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="180"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_panel.py" line="187"/>
        <source>Customer notes: %1</source>
        <translation>Notas del cliente: %1</translation>
    </message>
</context>
<context>
    <name>BookingsList</name>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="352"/>
        <source>Bookings to come</source>
        <translation>Turnos por venir</translation>
    </message>
</context>
<context>
    <name>BusinessTab</name>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="86"/>
        <location filename="../../ui/desk/setup/business.py" line="102"/>
        <location filename="../../ui/desk/setup/business.py" line="167"/>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="87"/>
        <source>C&amp;hoose file…</source>
        <translation>&amp;Elegir archivo…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="88"/>
        <source>Re&amp;move logo</source>
        <translation>&amp;Quitar logo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="96"/>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="97"/>
        <source>&amp;Time zone</source>
        <translation>&amp;Zona horaria</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="98"/>
        <source>Slot &amp;interval</source>
        <translation>&amp;Intervalo de turnos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="99"/>
        <source>&amp;Kind of business</source>
        <translation>&amp;Rubro</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="100"/>
        <source>&amp;Country</source>
        <translation>&amp;País</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="101"/>
        <source>&amp;Branding colour</source>
        <translation>C&amp;olor de la marca</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="103"/>
        <source>Alert when arrived and &amp;waiting over</source>
        <translation>&amp;Avisar si llegó y espera más de</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="104"/>
        <source>Alert when &amp;late, not arrived, after</source>
        <translation>Avisar si se a&amp;trasa, sin llegar, más de</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="105"/>
        <source>Alert when a walk-in &amp;queues over</source>
        <translation>Avisar si alg&amp;uien sin turno espera más de</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="106"/>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="107"/>
        <source>&amp;Revert</source>
        <translation>&amp;Deshacer cambios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="163"/>
        <source>(no logo)</source>
        <translation>(sin logo)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="167"/>
        <source>Images (*.png *.svg)</source>
        <translation>Imágenes (*.png *.svg)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="179"/>
        <source>%1 cannot be the logo: %2</source>
        <translation>%1 no sirve como logo: %2</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="491"/>
        <source>Cancel booking</source>
        <translation>Cancelar turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="494"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="497"/>
        <source>Customer cancelled</source>
        <translation>Canceló el cliente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="498"/>
        <source>Provider unavailable</source>
        <translation>Profesional no disponible</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="499"/>
        <source>Booked by mistake</source>
        <translation>Reservado por error</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="505"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="509"/>
        <source>Cancel &amp;booking</source>
        <translation>Cancelar &amp;turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="510"/>
        <source>&amp;Keep it</source>
        <translation>&amp;Mantenerlo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="514"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="515"/>
        <source>De&amp;tails</source>
        <translation>De&amp;talles</translation>
    </message>
</context>
<context>
    <name>CashCloseDialog</name>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="57"/>
        <source>Cash close of %1</source>
        <translation>Cierre de caja del %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="61"/>
        <source>Float</source>
        <translation>Fondo de caja</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="63"/>
        <source>&amp;Open the day</source>
        <translation>&amp;Abrir la caja</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="66"/>
        <source>&amp;Float (%1)</source>
        <translation>&amp;Fondo de caja (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="73"/>
        <source>Method</source>
        <translation>Medio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="73"/>
        <source>Expected</source>
        <translation>Esperado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="73"/>
        <source>Counted</source>
        <translation>Contado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="73"/>
        <source>Difference</source>
        <translation>Diferencia</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="87"/>
        <source>Counted %1</source>
        <translation>Contado en %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="99"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="101"/>
        <source>Required when a count differs</source>
        <translation>Obligatoria si algún conteo no coincide</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="102"/>
        <source>Close the &amp;day</source>
        <translation>Cerrar la ca&amp;ja</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="106"/>
        <source>&amp;Note</source>
        <translation>&amp;Nota</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="114"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="142"/>
        <source>This desk&apos;s till is not open for this day yet.</source>
        <translation>La caja de esta computadora todavía no se abrió este día.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="145"/>
        <source>Closed at %1.</source>
        <translation>Cerrada a las %1.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="151"/>
        <source>Open since %1 with a float of %2.</source>
        <translation>Abierta desde las %1 con un fondo de %2.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_close.py" line="156"/>
        <source>(waiting to sync)</source>
        <translation>(esperando sincronizar)</translation>
    </message>
</context>
<context>
    <name>CertificatePage</name>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="648"/>
        <source>The server&apos;s certificate changed</source>
        <translation>Cambió el certificado del servidor</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="650"/>
        <source>Customers: please check in at the front desk.</source>
        <translation>Clientes: por favor, anúnciense en la recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="652"/>
        <location filename="../../ui/kiosk/pages.py" line="721"/>
        <source>Checking the server…</source>
        <translation>Revisando el servidor…</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="654"/>
        <source>Certificate fingerprint</source>
        <translation>Huella del certificado</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="655"/>
        <location filename="../../ui/kiosk/pages.py" line="659"/>
        <source>Staff PIN</source>
        <translation>PIN del personal</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="664"/>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="665"/>
        <source>Trust the new certificate</source>
        <translation>Confiar en el certificado nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="707"/>
        <source>Staff: ask your administrator whether it was renewed. If so, check that its new fingerprint is the one they give you, then type the staff PIN and trust it. Until then this kiosk does not talk to the server.</source>
        <translation>Personal: pregúntenle al administrador si lo renovó. Si es así, comprueben que la huella nueva sea la que les da, escriban el PIN del personal y confíen en él. Hasta entonces, esta terminal no se comunica con el servidor.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/kiosk/pages.py" line="733"/>
        <source>That PIN is not right. After %n more wrong one(s), the staff PIN locks for some minutes.</source>
        <translation>
            <numerusform>Ese PIN no es correcto. Con %n error más, el PIN del personal se bloquea por unos minutos.</numerusform>
            <numerusform>Ese PIN no es correcto. Con %n errores más, el PIN del personal se bloquea por unos minutos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="746"/>
        <source>Too many wrong PINs: the staff PIN is locked for %1 minute(s). Try again after that.</source>
        <translation>Demasiados PIN incorrectos: el PIN del personal está bloqueado por %1 minuto(s). Vuelvan a intentarlo después.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="752"/>
        <source>Cannot reach the server at %1.</source>
        <translation>No se puede conectar con el servidor %1.</translation>
    </message>
</context>
<context>
    <name>CheckInPage</name>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="177"/>
        <source>Check in</source>
        <translation>Registrar llegada</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="179"/>
        <source>Booking code or QR</source>
        <translation>Código del turno o QR</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="180"/>
        <source>Phone or DNI</source>
        <translation>Teléfono o DNI</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="193"/>
        <source>Type the code on your booking, or show its QR to the reader</source>
        <translation>Escribí el código de tu turno, o mostrá su QR al lector</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="197"/>
        <source>Booking code</source>
        <translation>Código del turno</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="221"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="222"/>
        <source>or DNI</source>
        <translation>o DNI</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="223"/>
        <source>Appointment time</source>
        <translation>Hora del turno</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="224"/>
        <source>or date of birth</source>
        <translation>o fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="248"/>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="249"/>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
</context>
<context>
    <name>ColourButton</name>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="369"/>
        <location filename="../../ui/desk/setup/common.py" line="389"/>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="343"/>
        <source>That is not me</source>
        <translation>No soy yo</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="344"/>
        <source>Confirm my arrival</source>
        <translation>Confirmar mi llegada</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="358"/>
        <source>Hello, %1</source>
        <translation>Hola, %1</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <location filename="../../ui/desk/conflicts.py" line="41"/>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/conflicts.py" line="44"/>
        <source>Changes made offline that the server could not accept. Nothing was lost: pick another time or discard each one.</source>
        <translation>Cambios hechos sin conexión que el servidor no pudo aceptar. No se perdió nada: elegí otro horario o descartá cada uno.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/conflicts.py" line="50"/>
        <source>Refused changes</source>
        <translation>Cambios rechazados</translation>
    </message>
    <message>
        <location filename="../../ui/desk/conflicts.py" line="53"/>
        <source>Other free times</source>
        <translation>Otros horarios libres</translation>
    </message>
    <message>
        <location filename="../../ui/desk/conflicts.py" line="57"/>
        <source>Book the time ch&amp;osen</source>
        <translation>&amp;Reservar el horario elegido</translation>
    </message>
    <message>
        <location filename="../../ui/desk/conflicts.py" line="58"/>
        <source>&amp;Discard this change</source>
        <translation>&amp;Descartar este cambio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/conflicts.py" line="67"/>
        <source>Other free times that day:</source>
        <translation>Otros horarios libres ese día:</translation>
    </message>
    <message>
        <location filename="../../ui/desk/conflicts.py" line="142"/>
        <source>No free time left that day</source>
        <translation>No quedan horarios libres ese día</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <location filename="../../ui/desk/connection.py" line="46"/>
        <source>First sync %v / %m</source>
        <translation>Primera sincronización %v / %m</translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="52"/>
        <source>Sign in again…</source>
        <translation>Volver a ingresar…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="69"/>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="75"/>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="76"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="77"/>
        <source>Offline — working from this computer</source>
        <translation>Sin conexión — trabajando desde esta computadora</translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="78"/>
        <source>Signed out — sign in again to sync</source>
        <translation>Sesión cerrada — volvé a ingresar para sincronizar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="80"/>
        <source>The server&apos;s certificate changed: ask your administrator</source>
        <translation>Cambió el certificado del servidor: consultá con tu administrador</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/connection.py" line="86"/>
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n cambio esperando</numerusform>
            <numerusform>%n cambios esperando</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="88"/>
        <source>All saved on the server</source>
        <translation>Todo guardado en el servidor</translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="93"/>
        <source>Last sync %1</source>
        <translation>Última sincronización %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="95"/>
        <source>Not synced yet</source>
        <translation>Todavía sin sincronizar</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/connection.py" line="106"/>
        <source>⚠ %n conflict(s) to settle</source>
        <translation>
            <numerusform>⚠ %n conflicto para resolver</numerusform>
            <numerusform>⚠ %n conflictos para resolver</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="123"/>
        <source>Online — site server</source>
        <translation>En línea — servidor del local</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/connection.py" line="124"/>
        <source>%n change(s) waiting for central</source>
        <translation>
            <numerusform>%n cambio espera al central</numerusform>
            <numerusform>%n cambios esperan al central</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="126"/>
        <source>Central server connected</source>
        <translation>Servidor central conectado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="129"/>
        <source>Central unreachable since %1</source>
        <translation>Central sin conexión desde las %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="132"/>
        <source>The site server was unlinked from central: ask your administrator</source>
        <translation>El servidor del local fue desvinculado del central: consultá con tu administrador</translation>
    </message>
    <message>
        <location filename="../../ui/desk/connection.py" line="134"/>
        <source>The site server is connecting to central…</source>
        <translation>El servidor del local se está conectando con el central…</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <location filename="../../ui/desk/customers.py" line="56"/>
        <source>Name, phone or DNI</source>
        <translation>Nombre, teléfono o DNI</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="57"/>
        <source>Search %1</source>
        <translation>Buscar %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="59"/>
        <source>Matching %1</source>
        <translation>%1 encontrados</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="61"/>
        <source>&amp;New %1…</source>
        <translation>&amp;Nuevo %1…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="62"/>
        <source>Create a new %1</source>
        <translation>Crear un %1 nuevo</translation>
    </message>
</context>
<context>
    <name>CustomerProfileDialog</name>
    <message>
        <location filename="../../ui/desk/customers.py" line="209"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/aaaa</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="214"/>
        <source>&amp;Phone</source>
        <translation>&amp;Teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="215"/>
        <source>&amp;DNI</source>
        <translation>&amp;DNI</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="216"/>
        <source>&amp;Email</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="217"/>
        <source>Date of &amp;birth</source>
        <translation>Fec&amp;ha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="218"/>
        <source>&amp;Notes</source>
        <translation>&amp;Notas</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="224"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="224"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="224"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="224"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="226"/>
        <source>Booking history</source>
        <translation>Historial de turnos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="256"/>
        <source>This customer is no longer here.</source>
        <translation>Este cliente ya no está.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="274"/>
        <source>%1 visits · %2 no-shows</source>
        <translation>%1 visitas · %2 ausencias</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="279"/>
        <source> (offline: the last %1 days only)</source>
        <translation> (sin conexión: solo los últimos %1 días)</translation>
    </message>
</context>
<context>
    <name>DeskMenus</name>
    <message>
        <location filename="../../ui/desk/actions.py" line="38"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="39"/>
        <source>&amp;Print day…</source>
        <translation>&amp;Imprimir día…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="41"/>
        <source>Save day as P&amp;DF…</source>
        <translation>Guardar día como P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="44"/>
        <source>&amp;Takings of the day…</source>
        <translation>&amp;Caja del día…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="49"/>
        <source>&amp;Kiosks…</source>
        <translation>&amp;Terminales…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="54"/>
        <source>Set&amp;up…</source>
        <translation>Confi&amp;guración…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="61"/>
        <source>Sign &amp;out</source>
        <translation>Cerrar s&amp;esión</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="64"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="65"/>
        <source>&amp;Booking</source>
        <translation>&amp;Turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="66"/>
        <source>&amp;New booking…</source>
        <translation>&amp;Nuevo turno…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="69"/>
        <source>&amp;Arrived</source>
        <translation>&amp;Llegó</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="70"/>
        <source>&amp;Start</source>
        <translation>&amp;Atender</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="71"/>
        <source>&amp;Complete</source>
        <translation>&amp;Finalizar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="72"/>
        <source>No-s&amp;how</source>
        <translation>Au&amp;sente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="73"/>
        <source>&amp;Reschedule…</source>
        <translation>&amp;Reprogramar…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="45"/>
        <source>Day &amp;report…</source>
        <translation>In&amp;forme del día…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="47"/>
        <source>Re&amp;minders…</source>
        <translation>Rec&amp;ordatorios…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="48"/>
        <source>&amp;Cash close…</source>
        <translation>Cierre de c&amp;aja…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="58"/>
        <source>Audit &amp;log…</source>
        <translation>&amp;Registro de cambios…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="74"/>
        <source>Cance&amp;l…</source>
        <translation>Canc&amp;elar…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="75"/>
        <source>&amp;Payment…</source>
        <translation>&amp;Cobrar…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="81"/>
        <source>&amp;Undo move</source>
        <translation>&amp;Deshacer movimiento</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="85"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="88"/>
        <source>&amp;Today</source>
        <translation>&amp;Hoy</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="92"/>
        <source>&amp;Previous</source>
        <translation>&amp;Anterior</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="93"/>
        <source>&amp;Next</source>
        <translation>&amp;Siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="94"/>
        <source>&amp;Day</source>
        <translation>&amp;Día</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="95"/>
        <source>&amp;Week</source>
        <translation>S&amp;emana</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="97"/>
        <source>Wal&amp;k-ins</source>
        <translation>Sin &amp;turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="100"/>
        <source>&amp;Conflicts</source>
        <translation>&amp;Conflictos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="101"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="109"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="110"/>
        <source>&amp;Keyboard</source>
        <translation>&amp;Teclado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="111"/>
        <source>&amp;Copy diagnostics</source>
        <translation>&amp;Copiar diagnóstico</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="143"/>
        <source>Arrows</source>
        <translation>Flechas</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="143"/>
        <source>Move through the schedule</source>
        <translation>Moverse por la agenda</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="144"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="144"/>
        <source>Open or book</source>
        <translation>Abrir o reservar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/actions.py" line="159"/>
        <source>Keyboard</source>
        <translation>Teclado</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <location filename="../../ui/desk/window.py" line="160"/>
        <source>&amp;Today</source>
        <translation>&amp;Hoy</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="162"/>
        <source>Previous day</source>
        <translation>Día anterior</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="164"/>
        <source>Next day</source>
        <translation>Día siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="168"/>
        <source>Date shown</source>
        <translation>Fecha mostrada</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="171"/>
        <source>My day</source>
        <translation>Mi agenda</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="171"/>
        <source>My week</source>
        <translation>Mi semana</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="173"/>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="173"/>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="174"/>
        <source>Day or week</source>
        <translation>Día o semana</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="176"/>
        <source>Provider for the week</source>
        <translation>Profesional de la semana</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="179"/>
        <source>&amp;New booking</source>
        <translation>&amp;Nuevo turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="196"/>
        <source>Booking</source>
        <translation>Turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="198"/>
        <source>Walk-ins</source>
        <translation>Sin turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="199"/>
        <source>Waitlist</source>
        <translation>Lista de espera</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="200"/>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="405"/>
        <source>%1 is not available offline. This desk keeps the bookings of %2 days back to %3 days ahead; connect to the server to see or book this date.</source>
        <translation>%1 no está disponible sin conexión. Esta computadora guarda los turnos de %2 días atrás a %3 días adelante; conectate al servidor para ver o reservar esta fecha.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/window.py" line="450"/>
        <source>%n late</source>
        <translation>
            <numerusform>%n atrasado</numerusform>
            <numerusform>%n atrasados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/window.py" line="452"/>
        <source>%n waiting long</source>
        <translation>
            <numerusform>%n espera mucho</numerusform>
            <numerusform>%n esperan mucho</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/window.py" line="454"/>
        <source>%n walk-ins waiting long</source>
        <translation>
            <numerusform>%n sin turno espera mucho</numerusform>
            <numerusform>%n sin turno esperan mucho</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="458"/>
        <source>Late: past its start, nobody arrived. Waiting long: arrived and not yet attended. Marked in today&apos;s schedule; the times are the business&apos;s (File &gt; Setup &gt; Business).</source>
        <translation>Atrasado: pasó su hora y no llegó. Espera mucho: llegó y todavía no lo atendieron. Marcados en la agenda de hoy; los tiempos son los del negocio (Archivo &gt; Configuración &gt; Negocio).</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="491"/>
        <source>Arrived: %1</source>
        <translation>Llegó: %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="612"/>
        <source>Moved to %1. Ctrl+Z undoes it.</source>
        <translation>Movido a las %1. Ctrl+Z lo deshace.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="663"/>
        <source>The printer could not be opened.</source>
        <translation>No se pudo abrir la impresora.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="678"/>
        <source>Could not write %1.</source>
        <translation>No se pudo guardar %1.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="680"/>
        <source>Saved %1.</source>
        <translation>Guardado en %1.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/window.py" line="730"/>
        <source>Diagnostics copied: paste them into your message to support.</source>
        <translation>Diagnóstico copiado: pegalo en tu mensaje a soporte.</translation>
    </message>
</context>
<context>
    <name>EnrollPage</name>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="477"/>
        <source>Set up this kiosk</source>
        <translation>Configurar esta terminal</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="483"/>
        <source>This kiosk was revoked. It needs to be enrolled again by staff.</source>
        <translation>Esta terminal fue dada de baja. El personal tiene que volver a registrarla.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="488"/>
        <source>Staff: create an enrollment code at the front desk (Kiosks…).</source>
        <translation>Personal: generen un código de registro en la recepción (Terminales…).</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="497"/>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="498"/>
        <source>Enrollment code</source>
        <translation>Código de registro</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="499"/>
        <source>Staff PIN to leave the kiosk (4 digits or more)</source>
        <translation>PIN del personal para salir de la terminal (4 dígitos o más)</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="508"/>
        <source>Certificate fingerprint</source>
        <translation>Huella del certificado</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="519"/>
        <source>Enroll</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="549"/>
        <source>The server&apos;s certificate changed: ask your administrator before going on. If they renewed it, the fingerprint they give you must be:</source>
        <translation>Cambió el certificado del servidor: consulten con el administrador antes de seguir. Si lo renovó, la huella que les dé tiene que ser:</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="553"/>
        <source>My administrator confirmed it: trust it</source>
        <translation>El administrador lo confirmó: confiar</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="557"/>
        <source>First connection to this server. Check with your administrator that its certificate fingerprint is:</source>
        <translation>Primera conexión con este servidor. Comprueben con el administrador que la huella de su certificado sea:</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="561"/>
        <source>It is the same: trust this server</source>
        <translation>Es la misma: confiar en este servidor</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="581"/>
        <source>Too many wrong codes. Try again in %1 minute(s).</source>
        <translation>Demasiados códigos incorrectos. Probá de nuevo en %1 minuto(s).</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="585"/>
        <source>This code is not valid or has expired. Ask for a new one.</source>
        <translation>Este código no es válido o ya venció. Pedí uno nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="587"/>
        <source>The server refused the code: %1</source>
        <translation>El servidor rechazó el código: %1</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="589"/>
        <source>Cannot reach the server at %1.</source>
        <translation>No se puede conectar con el servidor %1.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="596"/>
        <source>The PIN must be 4 digits or more.</source>
        <translation>El PIN debe tener 4 dígitos o más.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="601"/>
        <source>Check the fingerprint with your administrator, then confirm it above.</source>
        <translation>Comprueben la huella con el administrador y después confírmenla arriba.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="623"/>
        <source>The server&apos;s certificate is not made for the address %1. Use the address your administrator gave you, or ask them to add this one.</source>
        <translation>El certificado del servidor no está hecho para la dirección %1. Usen la dirección que les dio el administrador, o pídanle que agregue esta.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="628"/>
        <source>The server&apos;s certificate is not valid (%1): ask your administrator.</source>
        <translation>El certificado del servidor no es válido (%1): consulten con el administrador.</translation>
    </message>
</context>
<context>
    <name>HoursTab</name>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="48"/>
        <source>Provider</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="53"/>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="55"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="56"/>
        <source>dd/mm/yyyy, empty: always</source>
        <translation>dd/mm/aaaa, vacío: siempre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="59"/>
        <source>Provider:</source>
        <translation>Profesional:</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="61"/>
        <source>Week:</source>
        <translation>Semana:</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="63"/>
        <source>From:</source>
        <translation>Desde:</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="67"/>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="68"/>
        <source>Working hours</source>
        <translation>Horario de atención</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="69"/>
        <source>Breaks</source>
        <translation>Pausas</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="74"/>
        <location filename="../../ui/desk/setup/hours.py" line="179"/>
        <source>%1 working hours</source>
        <translation>Horario del %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="75"/>
        <location filename="../../ui/desk/setup/hours.py" line="180"/>
        <source>%1 breaks</source>
        <translation>Pausas del %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="76"/>
        <source>closed</source>
        <translation>cerrado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="86"/>
        <source>Write each day&apos;s spans as 09:00-13:00, 14:00-18:00; leave a day empty when it is closed. Breaks fall inside the working hours. With a date in From, the week takes over from that day on and the one before stays in force until then; save a dated week with every day empty to remove it.</source>
        <translation>Escribí las franjas de cada día como 09:00-13:00, 14:00-18:00; dejá vacío el día que no se atiende. Las pausas van dentro del horario. Con una fecha en Desde, la semana rige a partir de ese día y la anterior sigue vigente hasta entonces; para quitar una semana con fecha, guardala con todos los días vacíos.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="209"/>
        <source>Save %1&apos;s new hours from %2?</source>
        <translation>¿Guardar el nuevo horario de %1 desde el %2?</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="93"/>
        <source>&amp;Save hours…</source>
        <translation>&amp;Guardar horario…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="94"/>
        <source>&amp;Revert</source>
        <translation>&amp;Deshacer cambios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="134"/>
        <source>Since always</source>
        <translation>Desde siempre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="135"/>
        <source>From %1</source>
        <translation>Desde el %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="172"/>
        <source>From: write a date like 01/03/2027, or leave it empty.</source>
        <translation>Desde: escribí una fecha como 01/03/2027, o dejalo vacío.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="187"/>
        <source>%1: write spans like 09:00-13:00, 14:00-18:00.</source>
        <translation>%1: escribí franjas como 09:00-13:00, 14:00-18:00.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="206"/>
        <source>Save %1&apos;s new hours?</source>
        <translation>¿Guardar el nuevo horario de %1?</translation>
    </message>
</context>
<context>
    <name>ImpactDialog</name>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="313"/>
        <source>Bookings this change affects</source>
        <translation>Turnos afectados por el cambio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="317"/>
        <source>Affected bookings</source>
        <translation>Turnos afectados</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/setup/common.py" line="320"/>
        <source>%n booking(s) to come would be left outside the new setup. They are kept as they are: call or move them after saving.</source>
        <translation>
            <numerusform>%n turno por venir quedaría fuera de la nueva configuración. Se mantiene como está: avisale al cliente o movelo después de guardar.</numerusform>
            <numerusform>%n turnos por venir quedarían fuera de la nueva configuración. Se mantienen como están: avisales a los clientes o movelos después de guardar.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="331"/>
        <source>&amp;Save anyway</source>
        <translation>&amp;Guardar igual</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="333"/>
        <source>&amp;Go back</source>
        <translation>&amp;Volver</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/kiosk/keypad.py" line="30"/>
        <source>Keypad</source>
        <translation>Teclado</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/keypad.py" line="48"/>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/kiosk/window.py" line="125"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="282"/>
        <source>Type your phone or DNI, and your appointment&apos;s time or your date of birth.</source>
        <translation>Escribí tu teléfono o DNI, y la hora de tu turno o tu fecha de nacimiento.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="286"/>
        <source>Looking for your booking…</source>
        <translation>Buscando tu turno…</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="300"/>
        <source>We found no booking for today with those details. Check them, or ask at the front desk.</source>
        <translation>No encontramos un turno para hoy con esos datos. Revisalos, o consultá en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="307"/>
        <source>Checking in by phone or DNI is not available right now. Use your booking code, or ask at the front desk.</source>
        <translation>Ahora no se puede registrar la llegada con teléfono o DNI. Usá el código de tu turno, o consultá en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="314"/>
        <source>Too many tries on this kiosk: checking in by phone or DNI will be back in a few minutes. Use your booking code, or ask at the front desk.</source>
        <translation>Demasiados intentos en esta terminal: el registro con teléfono o DNI vuelve en unos minutos. Usá el código de tu turno, o consultá en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="320"/>
        <source>You are already checked in</source>
        <translation>Tu llegada ya está registrada</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="321"/>
        <source>Please take a seat; you will be called.</source>
        <translation>Tomá asiento, por favor; te van a llamar.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="325"/>
        <source>Your appointment has already started</source>
        <translation>Tu turno ya empezó</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="326"/>
        <source>If you stepped out for a moment, please tell the front desk.</source>
        <translation>Si saliste un momento, avisá en recepción, por favor.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="330"/>
        <source>Your visit today is over</source>
        <translation>Tu visita de hoy ya terminó</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="332"/>
        <source>Your appointment at %1 is done. If you need anything else, please ask at the front desk.</source>
        <translation>Tu turno de las %1 ya fue atendido. Si necesitás algo más, consultá en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="338"/>
        <source>Your appointment was marked as missed</source>
        <translation>Tu turno figura como ausente</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="339"/>
        <source>It was at %1. Please see the front desk; they will help you.</source>
        <translation>Era a las %1. Acercate a recepción, por favor: te van a ayudar.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="345"/>
        <source>This appointment was cancelled</source>
        <translation>Este turno fue cancelado</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="347"/>
        <source>It was at %1. If you need a new one, please ask at the front desk.</source>
        <translation>Era a las %1. Si necesitás uno nuevo, consultá en recepción.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="352"/>
        <source>It is a bit early</source>
        <translation>Es un poco temprano</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="354"/>
        <source>Your appointment is at %1. Check-in opens an hour before; please come back then.</source>
        <translation>Tu turno es a las %1. El registro abre una hora antes; volvé entonces, por favor.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="360"/>
        <source>Please see the front desk</source>
        <translation>Acercate a recepción, por favor</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="361"/>
        <source>Your appointment was at %1. The front desk will help you.</source>
        <translation>Tu turno era a las %1. En recepción te van a ayudar.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="379"/>
        <source>Thank you, %1</source>
        <translation>Gracias, %1</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="380"/>
        <source>You are checked in. Please take a seat; you will be called.</source>
        <translation>Tu llegada quedó registrada. Tomá asiento, por favor; te van a llamar.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="383"/>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="383"/>
        <source>Please ask at the front desk.</source>
        <translation>Consultá en recepción, por favor.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="394"/>
        <source>Your number</source>
        <translation>Tu número</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="394"/>
        <source>Estimated wait</source>
        <translation>Espera estimada</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/kiosk/window.py" line="399"/>
        <source>%n person(s) ahead of you</source>
        <translation>
            <numerusform>%n persona antes que vos</numerusform>
            <numerusform>%n personas antes que vos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="408"/>
        <source>Take your ticket below.</source>
        <translation>Retirá tu ticket abajo.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="410"/>
        <source>Please remember your number: you will be called by it.</source>
        <translation>Recordá tu número: te van a llamar por él.</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/window.py" line="425"/>
        <source>Offline: working from this kiosk&apos;s copy</source>
        <translation>Sin conexión: trabajando con la copia de esta terminal</translation>
    </message>
</context>
<context>
    <name>KiosksDialog</name>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="154"/>
        <source>Kiosks</source>
        <translation>Terminales</translation>
    </message>
</context>
<context>
    <name>KiosksPanel</name>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="38"/>
        <source>Kiosks</source>
        <translation>Terminales</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="40"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="40"/>
        <source>Enrolled</source>
        <translation>Registrada</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="40"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="40"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="58"/>
        <source>&amp;New kiosk…</source>
        <translation>&amp;Nueva terminal…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="59"/>
        <source>New &amp;queue board…</source>
        <translation>Nueva &amp;pantalla de turnos…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="60"/>
        <source>&amp;Revoke</source>
        <translation>&amp;Dar de baja</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="91"/>
        <source>waiting for its code</source>
        <translation>esperando su código</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="93"/>
        <source>Revoked</source>
        <translation>Dada de baja</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="93"/>
        <source>In use</source>
        <translation>En uso</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="95"/>
        <source>Queue board</source>
        <translation>Pantalla de turnos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="97"/>
        <source>Kiosk (tickets %1)</source>
        <translation>Kiosco (números %1)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="105"/>
        <source>New kiosk</source>
        <translation>Nueva terminal</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="105"/>
        <location filename="../../ui/desk/kiosks.py" line="112"/>
        <source>Where is it? (a name)</source>
        <translation>¿Dónde está? (un nombre)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="112"/>
        <source>New queue board</source>
        <translation>Nueva pantalla de turnos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="126"/>
        <source>On the board&apos;s PC, before %1, run: turnero board --server ADDRESS --enroll CODE. It works once.</source>
        <translation>En la PC de la pantalla, antes de las %1, ejecute: turnero board --server DIRECCIÓN --enroll CÓDIGO. Sirve una sola vez.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/kiosks.py" line="130"/>
        <source>Type this code at the kiosk before %1. It works once.</source>
        <translation>Escribí este código en la terminal antes de las %1. Sirve una sola vez.</translation>
    </message>
</context>
<context>
    <name>LaneCard</name>
    <message>
        <location filename="../../ui/board/window.py" line="55"/>
        <source>Now serving</source>
        <translation>Atendiendo</translation>
    </message>
    <message>
        <location filename="../../ui/board/window.py" line="60"/>
        <source>Next</source>
        <translation>Próximos</translation>
    </message>
    <message>
        <location filename="../../ui/board/window.py" line="72"/>
        <source>Front desk</source>
        <translation>Mostrador</translation>
    </message>
</context>
<context>
    <name>LocationsTab</name>
    <message>
        <location filename="../../ui/desk/setup/locations.py" line="25"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/locations.py" line="26"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/locations.py" line="27"/>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/locations.py" line="31"/>
        <source>Locations</source>
        <translation>Sedes</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/locations.py" line="36"/>
        <source>(the business&apos;s)</source>
        <translation>(la del negocio)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/locations.py" line="39"/>
        <source>&amp;Add location</source>
        <translation>&amp;Agregar sede</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/locations.py" line="41"/>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/locations.py" line="42"/>
        <source>A&amp;ddress</source>
        <translation>&amp;Dirección</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/locations.py" line="43"/>
        <source>&amp;Time zone</source>
        <translation>&amp;Zona horaria</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/locations.py" line="45"/>
        <source>New location</source>
        <translation>Nueva sede</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/locations.py" line="57"/>
        <source>%1 (the business&apos;s)</source>
        <translation>%1 (la del negocio)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/locations.py" line="66"/>
        <source>Write the location&apos;s name.</source>
        <translation>Escribí el nombre de la sede.</translation>
    </message>
</context>
<context>
    <name>MessagePage</name>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="376"/>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
</context>
<context>
    <name>NewCustomerDialog</name>
    <message>
        <location filename="../../ui/desk/customers.py" line="123"/>
        <source>New %1</source>
        <translation>Nuevo %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="131"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/aaaa</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="140"/>
        <source>&amp;First name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="141"/>
        <source>&amp;Last name</source>
        <translation>&amp;Apellido</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="142"/>
        <source>&amp;Phone</source>
        <translation>&amp;Teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="143"/>
        <source>&amp;DNI</source>
        <translation>&amp;DNI</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="144"/>
        <source>&amp;Email</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <location filename="../../ui/desk/customers.py" line="145"/>
        <source>Date of &amp;birth</source>
        <translation>Fec&amp;ha de nacimiento</translation>
    </message>
</context>
<context>
    <name>NewTicketDialog</name>
    <message>
        <location filename="../../ui/desk/walkins.py" line="214"/>
        <source>New walk-in ticket</source>
        <translation>Nuevo número sin turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="216"/>
        <source>Customer&apos;s name</source>
        <translation>Nombre del cliente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="218"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="227"/>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="228"/>
        <source>&amp;Service</source>
        <translation>&amp;Servicio</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../ui/desk/notices.py" line="54"/>
        <location filename="../../ui/desk/notices.py" line="55"/>
        <source>Dismiss</source>
        <translation>Cerrar aviso</translation>
    </message>
</context>
<context>
    <name>NoticeArea</name>
    <message>
        <location filename="../../ui/desk/notices.py" line="85"/>
        <source>Notices</source>
        <translation>Avisos</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="117"/>
        <source>Reset password</source>
        <translation>Restablecer contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="126"/>
        <source>%1 will be signed out everywhere and must sign in with this password.</source>
        <translation>Se cerrarán todas las sesiones de %1, que deberá ingresar con esta contraseña.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="131"/>
        <source>New &amp;password</source>
        <translation>&amp;Nueva contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="132"/>
        <source>&amp;Again</source>
        <translation>&amp;Repetir</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="147"/>
        <source>The password needs at least %1 characters.</source>
        <translation>La contraseña necesita al menos %1 caracteres.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="152"/>
        <source>The two passwords differ.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../ui/desk/payments.py" line="70"/>
        <source>Payment</source>
        <translation>Cobro</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="76"/>
        <source>Price %1 · paid %2 · due %3</source>
        <translation>Precio %1 · pagado %2 · debe %3</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="82"/>
        <location filename="../../ui/desk/payments.py" line="93"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="84"/>
        <source>Payment method</source>
        <translation>Medio de pago</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="88"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="89"/>
        <source>Card voucher or transfer number</source>
        <translation>Cupón de tarjeta o número de transferencia</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="91"/>
        <source>Payments of this booking</source>
        <translation>Pagos de este turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="93"/>
        <source>Method</source>
        <translation>Medio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="93"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="93"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="101"/>
        <source>Re&amp;fund…</source>
        <translation>Dev&amp;olver…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="102"/>
        <source>&amp;Void…</source>
        <translation>An&amp;ular…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="139"/>
        <source> (waiting to sync)</source>
        <translation> (esperando sincronizar)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="113"/>
        <source>&amp;Record payment</source>
        <translation>&amp;Registrar cobro</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="118"/>
        <source>&amp;Amount (%1)</source>
        <translation>&amp;Importe (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="119"/>
        <source>&amp;Method</source>
        <translation>&amp;Medio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="120"/>
        <source>R&amp;eference</source>
        <translation>R&amp;eferencia</translation>
    </message>
</context>
<context>
    <name>PaymentReversalDialog</name>
    <message>
        <location filename="../../ui/desk/payment_reversal.py" line="38"/>
        <source>Refund payment</source>
        <translation>Devolver cobro</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payment_reversal.py" line="40"/>
        <source>Refund %1 paid by %2? The money goes back to the customer and comes off today&apos;s takings.</source>
        <translation>¿Devolver %1 cobrado en %2? El dinero vuelve al cliente y se descuenta de la recaudación de hoy.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payment_reversal.py" line="43"/>
        <source>&amp;Refund</source>
        <translation>&amp;Devolver</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payment_reversal.py" line="45"/>
        <source>Void payment</source>
        <translation>Anular cobro</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payment_reversal.py" line="47"/>
        <source>Void %1 paid by %2? Only for a payment recorded by mistake: it will not count in any day&apos;s takings.</source>
        <translation>¿Anular %1 cobrado en %2? Solo para un cobro registrado por error: no contará en la recaudación de ningún día.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payment_reversal.py" line="50"/>
        <source>&amp;Void</source>
        <translation>&amp;Anular</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payment_reversal.py" line="54"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payment_reversal.py" line="66"/>
        <source>R&amp;eason</source>
        <translation>&amp;Motivo</translation>
    </message>
</context>
<context>
    <name>ProvidersTab</name>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="71"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="72"/>
        <location filename="../../ui/desk/setup/providers.py" line="82"/>
        <source>Location</source>
        <translation>Sede</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="73"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="74"/>
        <location filename="../../ui/desk/setup/providers.py" line="84"/>
        <location filename="../../ui/desk/setup/providers.py" line="100"/>
        <source>Services given</source>
        <translation>Servicios que brinda</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="78"/>
        <source>Providers</source>
        <translation>Profesionales</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="83"/>
        <source>Takes bookings</source>
        <translation>Recibe turnos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="85"/>
        <source>&amp;Save changes</source>
        <translation>&amp;Guardar cambios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="86"/>
        <source>A&amp;dd as new provider</source>
        <translation>Agregar como n&amp;uevo profesional</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="88"/>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="89"/>
        <source>&amp;Colour</source>
        <translation>&amp;Color</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="90"/>
        <source>&amp;Location</source>
        <translation>&amp;Sede</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="92"/>
        <source>Provider</source>
        <translation>Profesional</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/setup/providers.py" line="185"/>
        <source>This provider still has %n booking(s) to come. Move or cancel them first, then deactivate.</source>
        <translation>
            <numerusform>Este profesional todavía tiene %n turno por venir. Movelo o cancelalo primero y después desactivalo.</numerusform>
            <numerusform>Este profesional todavía tiene %n turnos por venir. Movelos o cancelalos primero y después desactivalo.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/providers.py" line="196"/>
        <source>Write the provider&apos;s name.</source>
        <translation>Escribí el nombre del profesional.</translation>
    </message>
</context>
<context>
    <name>RemindersDialog</name>
    <message>
        <location filename="../../ui/desk/reminders.py" line="53"/>
        <source>Reminders</source>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders.py" line="58"/>
        <source>Day to remind</source>
        <translation>Día a recordar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders.py" line="65"/>
        <source>Bookings to remind</source>
        <translation>Turnos a recordar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders.py" line="72"/>
        <source>Bookings of</source>
        <translation>Turnos del</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders.py" line="110"/>
        <source>%1 bookings · %2 reminded</source>
        <translation>%1 turnos · %2 avisados</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders.py" line="114"/>
        <source>No bookings to remind on %1.</source>
        <translation>No hay turnos para recordar el %1.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders.py" line="121"/>
        <source>Opens WhatsApp with the reminder written for %1</source>
        <translation>Abre WhatsApp con el recordatorio escrito para %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders.py" line="125"/>
        <source>No mobile phone on file: call or add one with Customer…</source>
        <translation>No tiene celular cargado: llamalo o agregalo con «Cliente…»</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders.py" line="127"/>
        <source>WhatsApp to %1</source>
        <translation>WhatsApp a %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders.py" line="133"/>
        <source>Hello %1, a reminder of your booking:</source>
        <translation>Hola %1, te recordamos tu turno:</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders.py" line="145"/>
        <source>WhatsApp opens with the reminder for %1: send it there, then tick “Reminded”.</source>
        <translation>WhatsApp se abre con el recordatorio para %1: envialo ahí y después marcá «Avisado».</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders.py" line="148"/>
        <source>No browser or WhatsApp could be opened on this computer.</source>
        <translation>No se pudo abrir un navegador ni WhatsApp en esta computadora.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../ui/desk/report.py" line="60"/>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="60"/>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="61"/>
        <source>Day or week</source>
        <translation>Día o semana</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="65"/>
        <source>Date of the report</source>
        <translation>Fecha del informe</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="76"/>
        <source>Bookings</source>
        <translation>Turnos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="77"/>
        <source>Walk-ins</source>
        <translation>Sin turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="78"/>
        <source>Takings</source>
        <translation>Cobros</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="86"/>
        <source>Hours per provider</source>
        <translation>Horas por profesional</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="88"/>
        <source>Open hours</source>
        <translation>Horas de atención</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="88"/>
        <source>Booked hours</source>
        <translation>Horas con turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="88"/>
        <source>Booked share</source>
        <translation>Ocupación</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="97"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="122"/>
        <source>Report of %1</source>
        <translation>Informe del %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="124"/>
        <source>Report of the week %1 to %2</source>
        <translation>Informe de la semana del %1 al %2</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="138"/>
        <source>This desk holds the days from %1 to %2: days outside them are not counted.</source>
        <translation>Este puesto guarda los días del %1 al %2: los días fuera de ese rango no se cuentan.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="154"/>
        <source>Completed</source>
        <translation>Atendidos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="155"/>
        <source>No-shows</source>
        <translation>Ausentes</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="156"/>
        <source>Cancelled</source>
        <translation>Cancelados</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="171"/>
        <source>Booked</source>
        <translation>Turnos dados</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="171"/>
        <source>Still open</source>
        <translation>Pendientes</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="176"/>
        <source>Tickets taken</source>
        <translation>Números sacados</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="177"/>
        <source>Served</source>
        <translation>Atendidos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="178"/>
        <source>Left or cancelled</source>
        <translation>Se fueron o cancelados</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="179"/>
        <source>Average wait</source>
        <translation>Espera promedio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="180"/>
        <source>Longest wait</source>
        <translation>Espera más larga</translation>
    </message>
    <message>
        <location filename="../../ui/desk/report.py" line="190"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="415"/>
        <source>Reschedule</source>
        <translation>Reprogramar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="427"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="437"/>
        <source>&amp;Date</source>
        <translation>&amp;Fecha</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="437"/>
        <source>F&amp;ree times</source>
        <translation>&amp;Horarios libres</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="470"/>
        <source>Pick one of the free times.</source>
        <translation>Elegí uno de los horarios libres.</translation>
    </message>
</context>
<context>
    <name>ScheduleView</name>
    <message>
        <location filename="../../ui/desk/dayview.py" line="163"/>
        <source>Schedule</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/desk/dayview.py" line="235"/>
        <source>Nobody works on this day.</source>
        <translation>Nadie atiende este día.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/dayview.py" line="305"/>
        <source>Away</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/dayview.py" line="312"/>
        <source>Not working</source>
        <translation>No atiende</translation>
    </message>
    <message>
        <location filename="../../ui/desk/dayview.py" line="663"/>
        <source>Buffer: time kept free around the %1 booking</source>
        <translation>Margen: tiempo que se deja libre alrededor del turno de las %1</translation>
    </message>
</context>
<context>
    <name>ServicesTab</name>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="57"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="58"/>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="59"/>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="60"/>
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="61"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="62"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="66"/>
        <source>Services</source>
        <translation>Servicios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="74"/>
        <source>Offered</source>
        <translation>Se ofrece</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="75"/>
        <source>&amp;Save changes</source>
        <translation>&amp;Guardar cambios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="76"/>
        <source>Add as ne&amp;w service</source>
        <translation>Agregar como n&amp;uevo servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="78"/>
        <source>Empty the form</source>
        <translation>Vaciar el formulario</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="80"/>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="81"/>
        <source>&amp;Duration</source>
        <translation>&amp;Duración</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="82"/>
        <source>&amp;Price</source>
        <translation>&amp;Precio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="86"/>
        <source>Buffer &amp;before</source>
        <translation>Margen a&amp;ntes</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="87"/>
        <source>Buffer &amp;after</source>
        <translation>Margen &amp;después</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="88"/>
        <source>&amp;Colour</source>
        <translation>&amp;Color</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="90"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="141"/>
        <source>&amp;Price (%1)</source>
        <translation>&amp;Precio (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="142"/>
        <location filename="../../ui/desk/setup/services.py" line="143"/>
        <source>Price in %1</source>
        <translation>Precio en %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="172"/>
        <source>Write the service&apos;s name.</source>
        <translation>Escribí el nombre del servicio.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/services.py" line="217"/>
        <source>Save the service as it is now?</source>
        <translation>¿Guardar el servicio así?</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/desk/setup/dialog.py" line="27"/>
        <source>Setup</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/dialog.py" line="40"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/dialog.py" line="43"/>
        <source>Providers</source>
        <translation>Profesionales</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/dialog.py" line="44"/>
        <source>Services</source>
        <translation>Servicios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/dialog.py" line="45"/>
        <source>Hours</source>
        <translation>Horarios</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/dialog.py" line="46"/>
        <source>Time off</source>
        <translation>Licencias y feriados</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/dialog.py" line="47"/>
        <source>Business</source>
        <translation>Negocio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/dialog.py" line="48"/>
        <source>Locations</source>
        <translation>Sedes</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/dialog.py" line="49"/>
        <source>Kiosks</source>
        <translation>Terminales</translation>
    </message>
</context>
<context>
    <name>SetupTab</name>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="149"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="162"/>
        <source>The server cannot be reached: this is what it last said, and nothing can be changed until the desk is online again.</source>
        <translation>No hay conexión con el servidor: esto es lo último que informó, y no se puede cambiar nada hasta que el escritorio vuelva a estar en línea.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="167"/>
        <source>Only an administrator can change this.</source>
        <translation>Solo un administrador puede cambiar esto.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="185"/>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/desk/signin.py" line="61"/>
        <source>Turnero — sign in</source>
        <translation>Turnero — ingresar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="63"/>
        <source>Front desk</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="69"/>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="71"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="74"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="77"/>
        <source>This computer has no keyring (password store), so Turnero cannot keep your session safely after it closes. You can keep it for this run only; you will sign in again next time. It is never written to a file.</source>
        <translation>Esta computadora no tiene llavero (almacén de contraseñas), así que Turnero no puede guardar tu sesión de forma segura al cerrarse. Podés mantenerla solo mientras esté abierto; la próxima vez vas a ingresar de nuevo. Nunca se escribe en un archivo.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="85"/>
        <source>Keep my session for this run only</source>
        <translation>Mantener mi sesión solo mientras esté abierto</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="96"/>
        <source>Certificate fingerprint</source>
        <translation>Huella del certificado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="120"/>
        <source>&amp;Sign in</source>
        <translation>&amp;Ingresar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="124"/>
        <source>Se&amp;rver</source>
        <translation>Se&amp;rvidor</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="125"/>
        <source>&amp;Email</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="126"/>
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="139"/>
        <source>Without a keyring, tick “for this run only” to sign in.</source>
        <translation>Sin llavero, marcá “solo mientras esté abierto” para ingresar.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="145"/>
        <source>Check the fingerprint with your administrator, then tick the box to trust it.</source>
        <translation>Comprobá la huella con tu administrador y después tildá la casilla para confiar en el servidor.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="150"/>
        <source>Signing in…</source>
        <translation>Ingresando…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="200"/>
        <source>The server&apos;s certificate changed: ask your administrator before going on. If they renewed it, the fingerprint they give you must be:</source>
        <translation>Cambió el certificado del servidor: consultá con tu administrador antes de seguir. Si lo renovó, la huella que te dé tiene que ser:</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="204"/>
        <source>My administrator confirmed it: trust the new certificate</source>
        <translation>Mi administrador lo confirmó: confiar en el certificado nuevo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="205"/>
        <source>Not signed in: the server&apos;s certificate changed.</source>
        <translation>No se pudo ingresar: cambió el certificado del servidor.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="209"/>
        <source>First connection to this server. Check with your administrator that its certificate fingerprint is:</source>
        <translation>Primera conexión con este servidor. Comprobá con tu administrador que la huella de su certificado sea:</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="213"/>
        <source>It is the same: trust this server</source>
        <translation>Es la misma: confiar en este servidor</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="256"/>
        <source>The keyring refused to keep the session: %1</source>
        <translation>El llavero no pudo guardar la sesión: %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="276"/>
        <source>The server address must start with http:// or https://</source>
        <translation>La dirección del servidor debe empezar con http:// o https://</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="280"/>
        <source>Cannot reach the server at %1, and this is not the password last used on this computer, so the desk cannot open offline.</source>
        <translation>No se puede conectar con el servidor %1, y esta no es la contraseña que se usó por última vez en esta computadora: la recepción no puede abrirse sin conexión.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="287"/>
        <source>Cannot reach the server at %1. Check the address and the network.</source>
        <translation>No se puede conectar con el servidor %1. Revisá la dirección y la red.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="291"/>
        <source>The email or the password is not right.</source>
        <translation>El email o la contraseña no son correctos.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="295"/>
        <source>Too many wrong passwords: this account is locked for %1 minute(s). An admin can unlock it sooner.</source>
        <translation>Demasiadas contraseñas incorrectas: esta cuenta quedó bloqueada por %1 minuto(s). Un administrador puede desbloquearla antes.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="301"/>
        <source>Too many attempts. Try again in %1 minute(s).</source>
        <translation>Demasiados intentos. Probá de nuevo en %1 minuto(s).</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="306"/>
        <source>The server refused to sign you in: %1</source>
        <translation>El servidor rechazó el ingreso: %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="316"/>
        <source>The server&apos;s certificate is not made for the address %1. Use the address your administrator gave you, or ask them to add this one.</source>
        <translation>El certificado del servidor no está hecho para la dirección %1. Usá la dirección que te dio tu administrador, o pedile que agregue esta.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/signin.py" line="323"/>
        <source>The server&apos;s certificate is not valid (%1): ask your administrator.</source>
        <translation>El certificado del servidor no es válido (%1): consultá con tu administrador.</translation>
    </message>
</context>
<context>
    <name>SlipDialog</name>
    <message>
        <location filename="../../ui/desk/slip.py" line="247"/>
        <source>Booking slip</source>
        <translation>Comprobante del turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="250"/>
        <source>Slip preview</source>
        <translation>Vista previa del comprobante</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="253"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="254"/>
        <source>Save as P&amp;DF…</source>
        <translation>Guardar como P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="255"/>
        <source>Send by &amp;WhatsApp</source>
        <translation>Enviar por &amp;WhatsApp</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="256"/>
        <source>Send by &amp;email…</source>
        <translation>Enviar por &amp;email…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="257"/>
        <source>Reading the booking…</source>
        <translation>Leyendo el turno…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="262"/>
        <source>On paper</source>
        <translation>En papel</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="266"/>
        <source>To the customer</source>
        <translation>Al cliente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="294"/>
        <source>This booking is not on this desk.</source>
        <translation>Este turno no está en este puesto.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="309"/>
        <source>This booking has not reached the server yet: its code and QR come when the desk syncs.</source>
        <translation>Este turno todavía no llegó al servidor: su código y su QR aparecen cuando el puesto sincronice.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="319"/>
        <source>Hello %1, this is your booking:</source>
        <translation>Hola %1, este es tu turno:</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="341"/>
        <source>The PDF could not be written to %1.</source>
        <translation>No se pudo guardar el PDF en %1.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="343"/>
        <source>Saved as %1</source>
        <translation>Guardado como %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="354"/>
        <source>This customer has no mobile phone on file. Add one with Customer… to send the slip by WhatsApp.</source>
        <translation>Este cliente no tiene celular cargado. Agregalo con «Cliente…» para enviar el comprobante por WhatsApp.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="358"/>
        <source>“%1” is not a phone number WhatsApp can use.</source>
        <translation>«%1» no es un número que WhatsApp pueda usar.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="365"/>
        <source>WhatsApp opens with the message: press Send there.</source>
        <translation>WhatsApp se abre con el mensaje: tocá Enviar ahí.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="367"/>
        <source>No browser or WhatsApp could be opened on this computer.</source>
        <translation>No se pudo abrir un navegador ni WhatsApp en esta computadora.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="377"/>
        <source>Your booking at %1</source>
        <translation>Tu turno en %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="382"/>
        <source>This customer has no email address on file. Add one with Customer… to send the slip by email.</source>
        <translation>Este cliente no tiene email cargado. Agregalo con «Cliente…» para enviar el comprobante por email.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="389"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="404"/>
        <source>Your mail program opens with the message. Attach the calendar file yourself: a mail link cannot attach files. It is saved as %1.</source>
        <translation>Tu programa de correo se abre con el mensaje. Adjuntá vos el archivo de calendario: un enlace de correo no puede adjuntar archivos. Está guardado como %1.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="408"/>
        <source>No mail program could be opened. The calendar file is %1.</source>
        <translation>No se pudo abrir un programa de correo. El archivo de calendario es %1.</translation>
    </message>
</context>
<context>
    <name>SlotList</name>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="65"/>
        <source>Suggested free times</source>
        <translation>Horarios libres sugeridos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/booking_dialog.py" line="94"/>
        <source>No free time on this day</source>
        <translation>No hay horarios libres este día</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="63"/>
        <source>Add staff</source>
        <translation>Agregar personal</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="68"/>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="77"/>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="78"/>
        <source>&amp;Email</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="79"/>
        <source>&amp;Role</source>
        <translation>&amp;Rol</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="80"/>
        <source>&amp;Is provider</source>
        <translation>&amp;Es el profesional</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="81"/>
        <source>First &amp;password</source>
        <translation>&amp;Contraseña inicial</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="94"/>
        <source>Write the person&apos;s name and email.</source>
        <translation>Escribí el nombre y el email de la persona.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="98"/>
        <source>The password needs at least %1 characters.</source>
        <translation>La contraseña necesita al menos %1 caracteres.</translation>
    </message>
</context>
<context>
    <name>StaffPinDialog</name>
    <message>
        <location filename="../../ui/kiosk/pin_dialog.py" line="31"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pin_dialog.py" line="35"/>
        <location filename="../../ui/kiosk/pin_dialog.py" line="41"/>
        <source>PIN to leave the kiosk</source>
        <translation>PIN para salir de la terminal</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/kiosk/pin_dialog.py" line="81"/>
        <source>Wrong PIN. After %n more wrong one(s), leaving locks for some minutes.</source>
        <translation>
            <numerusform>PIN incorrecto. Con %n error más, la salida se bloquea por unos minutos.</numerusform>
            <numerusform>PIN incorrecto. Con %n errores más, la salida se bloquea por unos minutos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pin_dialog.py" line="93"/>
        <source>Too many wrong PINs: leaving is locked for %1 minute(s).</source>
        <translation>Demasiados PIN incorrectos: la salida está bloqueada por %1 minuto(s).</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="162"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="163"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="164"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="165"/>
        <source>Provider</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="166"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="167"/>
        <source>Last sign-in</source>
        <translation>Último ingreso</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="171"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="172"/>
        <source>&amp;Add…</source>
        <translation>&amp;Agregar…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="174"/>
        <source>New role</source>
        <translation>Nuevo rol</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="175"/>
        <source>Change &amp;role</source>
        <translation>Cambiar &amp;rol</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="176"/>
        <location filename="../../ui/desk/setup/staff.py" line="220"/>
        <source>&amp;Deactivate</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="177"/>
        <source>Reset &amp;password…</source>
        <translation>Restablecer &amp;contraseña…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="178"/>
        <source>&amp;Unlock sign-in</source>
        <translation>Des&amp;bloquear ingreso</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="205"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="220"/>
        <source>Reac&amp;tivate</source>
        <translation>Reac&amp;tivar</translation>
    </message>
</context>
<context>
    <name>TakingsDialog</name>
    <message>
        <location filename="../../ui/desk/payments.py" line="209"/>
        <source>Takings of %1</source>
        <translation>Caja del %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="212"/>
        <source>Totals per method</source>
        <translation>Totales por medio de pago</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="213"/>
        <location filename="../../ui/desk/payments.py" line="239"/>
        <source>Method</source>
        <translation>Medio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="213"/>
        <location filename="../../ui/desk/payments.py" line="262"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="215"/>
        <source>Payments of the day</source>
        <translation>Cobros del día</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="236"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="238"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="240"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="241"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="251"/>
        <source>%1 refund</source>
        <translation>Devolución en %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/payments.py" line="223"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
</context>
<context>
    <name>TicketPage</name>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="447"/>
        <source>Your number</source>
        <translation>Tu número</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="455"/>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
</context>
<context>
    <name>TimeOffTab</name>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="57"/>
        <source>Whose time off</source>
        <translation>De quién es la licencia</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="60"/>
        <source>Time off of:</source>
        <translation>Licencia de:</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="65"/>
        <location filename="../../ui/desk/setup/timeoff.py" line="78"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="66"/>
        <location filename="../../ui/desk/setup/timeoff.py" line="80"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="67"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="68"/>
        <location filename="../../ui/desk/setup/timeoff.py" line="82"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="72"/>
        <source>Time off</source>
        <translation>Licencias y feriados</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="73"/>
        <source>&amp;Delete</source>
        <translation>&amp;Borrar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="83"/>
        <source>&amp;Add time off…</source>
        <translation>&amp;Agregar licencia…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="85"/>
        <source>&amp;From</source>
        <translation>D&amp;esde</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="86"/>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="87"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="89"/>
        <source>New time off</source>
        <translation>Nueva licencia</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="93"/>
        <source>Year</source>
        <translation>Año</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="96"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="97"/>
        <source>Holiday</source>
        <translation>Feriado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="101"/>
        <location filename="../../ui/desk/setup/timeoff.py" line="103"/>
        <source>National holidays</source>
        <translation>Feriados nacionales</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="102"/>
        <source>Add &amp;holiday</source>
        <translation>Agregar &amp;feriado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="106"/>
        <source>Year:</source>
        <translation>Año:</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="170"/>
        <source>Whole location: %1</source>
        <translation>Toda la sede: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/setup/timeoff.py" line="201"/>
        <source>%n provider(s)</source>
        <translation>
            <numerusform>%n profesional</numerusform>
            <numerusform>%n profesionales</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="219"/>
        <source>Whole location</source>
        <translation>Toda la sede</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="219"/>
        <source>Only this provider</source>
        <translation>Solo este profesional</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="245"/>
        <source>The time off must end after it starts.</source>
        <translation>La licencia tiene que terminar después de empezar.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="252"/>
        <source>Choose a holiday in the list.</source>
        <translation>Elegí un feriado de la lista.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="261"/>
        <source>%1 is already in the list.</source>
        <translation>%1 ya está en la lista.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/timeoff.py" line="292"/>
        <source>Add this time off anyway?</source>
        <translation>¿Agregar la licencia igual?</translation>
    </message>
</context>
<context>
    <name>WaitlistDialog</name>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="225"/>
        <source>Add to waitlist</source>
        <translation>Agregar a la lista de espera</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="231"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="238"/>
        <source>Any %1</source>
        <translation>Cualquier %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="243"/>
        <source>From day</source>
        <translation>Desde el día</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="244"/>
        <source>To day</source>
        <translation>Hasta el día</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="245"/>
        <source>Only &amp;between</source>
        <translation>Solo &amp;entre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="246"/>
        <source>From time</source>
        <translation>Desde la hora</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="247"/>
        <source>Until time</source>
        <translation>Hasta la hora</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="262"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="271"/>
        <source>&amp;Add to waitlist</source>
        <translation>&amp;Agregar a la lista</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="274"/>
        <source>&amp;Service</source>
        <translation>&amp;Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="274"/>
        <source>&amp;Days</source>
        <translation>&amp;Días</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="274"/>
        <source>No&amp;tes</source>
        <translation>No&amp;tas</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="299"/>
        <source>choose or create the customer</source>
        <translation>elegí o creá el cliente</translation>
    </message>
</context>
<context>
    <name>WaitlistPanel</name>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="63"/>
        <source>Waitlist</source>
        <translation>Lista de espera</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="78"/>
        <source>B&amp;ook</source>
        <translation>&amp;Dar el turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="80"/>
        <source>Book the selected customer into the first free time that fits, confirmed</source>
        <translation>Dar a quien está elegido el primer horario libre que le sirve, confirmado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="82"/>
        <source>A&amp;dd…</source>
        <translation>A&amp;gregar…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="83"/>
        <source>Put someone on the waitlist</source>
        <translation>Anotar a alguien en la lista de espera</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="84"/>
        <source>W&amp;ithdraw</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="85"/>
        <source>Take the selected customer off the waitlist</source>
        <translation>Sacar de la lista de espera a quien está elegido</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/waitlist.py" line="117"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n en espera</numerusform>
            <numerusform>%n en espera</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/waitlist.py" line="118"/>
        <source>%n can be booked now</source>
        <translation>
            <numerusform>%n tiene turno posible ya</numerusform>
            <numerusform>%n tienen turno posible ya</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="140"/>
        <source>A slot fits %1: %2</source>
        <translation>Hay un horario para %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/waitlist.py" line="145"/>
        <source>%n on the waitlist fit</source>
        <translation>
            <numerusform>le sirve a %n de la lista</numerusform>
            <numerusform>les sirve a %n de la lista</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist.py" line="159"/>
        <source>Nothing free fits %1 yet.</source>
        <translation>Todavía no hay un horario libre para %1.</translation>
    </message>
</context>
<context>
    <name>WalkinPage</name>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="398"/>
        <source>What do you come for?</source>
        <translation>¿A qué venís?</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="405"/>
        <source>Something else</source>
        <translation>Otra cosa</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="409"/>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
</context>
<context>
    <name>WalkinPanel</name>
    <message>
        <location filename="../../ui/desk/walkins.py" line="53"/>
        <source>Walk-in queue</source>
        <translation>Fila sin turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="57"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="58"/>
        <source>Waited</source>
        <translation>Esperó</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="56"/>
        <source>No.</source>
        <translation>Nº</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="59"/>
        <source>Est.</source>
        <translation>Estim.</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="60"/>
        <location filename="../../ui/desk/walkins.py" line="68"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="64"/>
        <source>Ticket number</source>
        <translation>Número de atención</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="65"/>
        <source>Who, and what they came for</source>
        <translation>Quién es y a qué viene</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="66"/>
        <source>How long they have waited</source>
        <translation>Cuánto esperó hasta ahora</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="67"/>
        <source>Estimated wait, from the providers&apos; calendars and the queue</source>
        <translation>Espera estimada, según las agendas de los profesionales y la fila</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="86"/>
        <source>New tic&amp;ket…</source>
        <translation>Nuevo nú&amp;mero…</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="87"/>
        <source>Give a number to someone without a booking</source>
        <translation>Darle un número a alguien sin turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="88"/>
        <source>&amp;Call next</source>
        <translation>&amp;Llamar siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="89"/>
        <source>Call the first one waiting</source>
        <translation>Llamar al primero que espera</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="91"/>
        <source>Provider to assign</source>
        <translation>Profesional a asignar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="96"/>
        <source>&amp;Assign</source>
        <translation>A&amp;signar</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="97"/>
        <source>Call the selected ticket to this provider</source>
        <translation>Llamar al número elegido para este profesional</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="98"/>
        <source>&amp;Served</source>
        <translation>Aten&amp;dido</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="99"/>
        <source>The selected ticket has been served</source>
        <translation>El número elegido ya fue atendido</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="100"/>
        <source>Cance&amp;l ticket</source>
        <translation>&amp;Cancelar número</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="101"/>
        <source>The selected ticket left without being served</source>
        <translation>El número elegido se fue sin ser atendido</translation>
    </message>
    <message>
        <location filename="../../ui/desk/walkins.py" line="171"/>
        <source>Waiting longer than %1 min</source>
        <translation>Espera más de %1 min</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk/walkins.py" line="178"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n esperando</numerusform>
            <numerusform>%n esperando</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="123"/>
        <source>Welcome</source>
        <translation>¡Bienvenidos!</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="125"/>
        <source>I have an appointment
Check in</source>
        <translation>Tengo turno
Registrar llegada</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk/pages.py" line="127"/>
        <source>I have no appointment
Take a number</source>
        <translation>No tengo turno
Sacar número</translation>
    </message>
</context>
<context>
    <name>cash_report</name>
    <message>
        <location filename="../../ui/desk/cash_report.py" line="20"/>
        <source>Cash close of %1</source>
        <translation>Cierre de caja del %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_report.py" line="25"/>
        <source>Desk</source>
        <translation>Computadora</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_report.py" line="26"/>
        <source>Float</source>
        <translation>Fondo de caja</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_report.py" line="31"/>
        <source>Opened</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_report.py" line="38"/>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_report.py" line="46"/>
        <source>Method</source>
        <translation>Medio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_report.py" line="47"/>
        <source>Expected</source>
        <translation>Esperado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_report.py" line="48"/>
        <source>Counted</source>
        <translation>Contado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_report.py" line="49"/>
        <source>Difference</source>
        <translation>Diferencia</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_report.py" line="72"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../ui/desk/cash_report.py" line="75"/>
        <source>Not closed yet.</source>
        <translation>Todavía sin cerrar.</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../ui/common/labels.py" line="20"/>
        <source>Requested</source>
        <translation>Solicitado</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="21"/>
        <source>Confirmed</source>
        <translation>Confirmado</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="22"/>
        <source>Arrived</source>
        <translation>Llegó</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="23"/>
        <source>In service</source>
        <translation>En atención</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="24"/>
        <source>Completed</source>
        <translation>Atendido</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="25"/>
        <location filename="../../ui/common/labels.py" line="55"/>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="26"/>
        <location filename="../../ui/common/labels.py" line="67"/>
        <source>No-show</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="32"/>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="33"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="34"/>
        <source>Transfer</source>
        <translation>Transferencia</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="35"/>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="41"/>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="42"/>
        <source>Paid</source>
        <translation>Pagado</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="43"/>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="44"/>
        <source>Refunded</source>
        <translation>Reintegrado</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="45"/>
        <source>Voided</source>
        <translation>Anulado</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="51"/>
        <source>Waiting</source>
        <translation>Esperando</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="52"/>
        <source>Called</source>
        <translation>Llamado</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="53"/>
        <source>Being served</source>
        <translation>En atención</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="54"/>
        <source>Served</source>
        <translation>Atendido</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="61"/>
        <source>New booking</source>
        <translation>Nuevo turno</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="62"/>
        <source>Reschedule</source>
        <translation>Reprogramar</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="63"/>
        <source>Cancel booking</source>
        <translation>Cancelar turno</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="64"/>
        <source>Check-in</source>
        <translation>Llegada</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="65"/>
        <source>Start</source>
        <translation>Atender</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="66"/>
        <source>Complete</source>
        <translation>Finalizar</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="68"/>
        <source>Payment</source>
        <translation>Cobro</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="69"/>
        <source>Refund</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="70"/>
        <source>Void payment</source>
        <translation>Anular cobro</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="71"/>
        <source>New customer</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="72"/>
        <source>Customer details</source>
        <translation>Datos del cliente</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="73"/>
        <source>Walk-in ticket</source>
        <translation>Número sin turno</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="74"/>
        <source>Call walk-in</source>
        <translation>Llamar sin turno</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="75"/>
        <source>Serve walk-in</source>
        <translation>Atender sin turno</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="76"/>
        <source>Cancel walk-in</source>
        <translation>Cancelar sin turno</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="84"/>
        <source>That time overlaps another booking of this provider.</source>
        <translation>Ese horario se superpone con otro turno del profesional.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="87"/>
        <source>That time is outside the provider&apos;s hours.</source>
        <translation>Ese horario está fuera del horario del profesional.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="90"/>
        <source>The provider is on a break or away then.</source>
        <translation>El profesional está en pausa o ausente en ese horario.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="93"/>
        <source>No provider is free at that time.</source>
        <translation>No hay profesional libre en ese horario.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="96"/>
        <source>This provider does not offer this service.</source>
        <translation>Este profesional no ofrece este servicio.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="99"/>
        <source>The booking can no longer change that way.</source>
        <translation>El turno ya no puede cambiar de esa forma.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="102"/>
        <source>That date is not available offline: this desk keeps the bookings of %1 days back to %2 ahead. Connect to the server to see or book it.</source>
        <translation>Esa fecha no está disponible sin conexión: esta computadora guarda los turnos de %1 días atrás a %2 adelante. Conectate al servidor para verla o reservar.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="109"/>
        <source>Only today&apos;s bookings can be marked as arrived.</source>
        <translation>Solo se puede marcar la llegada en los turnos de hoy.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="112"/>
        <source>Only requested or confirmed bookings can move.</source>
        <translation>Solo se pueden mover turnos solicitados o confirmados.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="115"/>
        <source>The payment is in another currency.</source>
        <translation>El pago está en otra moneda.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="118"/>
        <source>Choose cash, card, transfer or other.</source>
        <translation>Elegí efectivo, tarjeta, transferencia u otro.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="121"/>
        <source>The value is out of range.</source>
        <translation>El valor está fuera de rango.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="122"/>
        <source>The phone is not valid: write it with its area code, e.g. 11 4567-8901.</source>
        <translation>El teléfono no es válido: escribilo con la característica, p. ej. 11 4567-8901.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="125"/>
        <source>Type the date as day/month/year, e.g. 17/05/1980.</source>
        <translation>Escribí la fecha como día/mes/año, p. ej. 17/05/1980.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="128"/>
        <source>The DNI must be 5 to 20 letters or digits.</source>
        <translation>El DNI debe tener de 5 a 20 letras o dígitos.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="131"/>
        <source>The email address is not valid.</source>
        <translation>El email no es válido.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="132"/>
        <source>Type an amount, e.g. 1.500,00.</source>
        <translation>Escribí un importe, por ejemplo 1.500,00.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="142"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="143"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="144"/>
        <source>Provider</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="145"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="146"/>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="147"/>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="148"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="149"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="150"/>
        <source>Method</source>
        <translation>Medio</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="151"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="152"/>
        <source>DNI</source>
        <translation>DNI</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="153"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="154"/>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="167"/>
        <source>The server cannot be reached now. Try again when the desk is online.</source>
        <translation>Ahora no se puede llegar al servidor. Probá de nuevo cuando vuelva la conexión.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="171"/>
        <source>The session has ended. Sign in again.</source>
        <translation>La sesión terminó. Volvé a ingresar.</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="173"/>
        <source>Too many attempts. Try again in %1 minute(s).</source>
        <translation>Demasiados intentos. Probá de nuevo en %1 minuto(s).</translation>
    </message>
    <message>
        <location filename="../../ui/common/labels.py" line="178"/>
        <source>Your role does not allow this.</source>
        <translation>Tu rol no permite hacer esto.</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../ui/desk/printing.py" line="82"/>
        <source>Hours %1</source>
        <translation>Horario %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="84"/>
        <source>Not working this day</source>
        <translation>No atiende este día</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="87"/>
        <source>Break %1</source>
        <translation>Descanso %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="90"/>
        <source>Away %1</source>
        <translation>No disponible %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="112"/>
        <source>No bookings</source>
        <translation>Sin turnos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="98"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="99"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="100"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="101"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="102"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="127"/>
        <source> (waiting to sync)</source>
        <translation> (esperando sincronizar)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="170"/>
        <source>%1 · week of %2 to %3</source>
        <translation>%1 · semana del %2 al %3</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="233"/>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="262"/>
        <source>Save as PDF</source>
        <translation>Guardar como PDF</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="264"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/desk/printing.py" line="284"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
</context>
<context>
    <name>reminders</name>
    <message>
        <location filename="../../ui/desk/reminders_model.py" line="42"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders_model.py" line="44"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders_model.py" line="46"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders_model.py" line="48"/>
        <source>Reminded</source>
        <translation>Avisado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders_model.py" line="87"/>
        <source>no phone</source>
        <translation>sin teléfono</translation>
    </message>
    <message>
        <location filename="../../ui/desk/reminders_model.py" line="97"/>
        <source> (waiting to sync)</source>
        <translation> (esperando sincronizar)</translation>
    </message>
</context>
<context>
    <name>setup</name>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="41"/>
        <source>Argentina</source>
        <translation>Argentina</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="42"/>
        <source>Uruguay</source>
        <translation>Uruguay</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="43"/>
        <source>Chile</source>
        <translation>Chile</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="44"/>
        <source>Paraguay</source>
        <translation>Paraguay</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="45"/>
        <source>Bolivia</source>
        <translation>Bolivia</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="46"/>
        <source>Peru</source>
        <translation>Perú</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="47"/>
        <source>Brazil</source>
        <translation>Brasil</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="48"/>
        <source>Mexico</source>
        <translation>México</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="49"/>
        <source>Colombia</source>
        <translation>Colombia</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="50"/>
        <source>Spain</source>
        <translation>España</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/business.py" line="51"/>
        <source>United States</source>
        <translation>Estados Unidos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="281"/>
        <source>Outside the new hours</source>
        <translation>Fuera del nuevo horario</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="282"/>
        <source>During the time off</source>
        <translation>Durante la licencia</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="283"/>
        <source>Overlaps the next booking once longer</source>
        <translation>Al alargarse se superpone con el turno siguiente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="286"/>
        <source>The provider would be inactive</source>
        <translation>El profesional queda inactivo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="292"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="293"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="295"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="296"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="297"/>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="404"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="406"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="34"/>
        <source>Monday</source>
        <translation>lunes</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="35"/>
        <source>Tuesday</source>
        <translation>martes</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="36"/>
        <source>Wednesday</source>
        <translation>miércoles</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="37"/>
        <source>Thursday</source>
        <translation>jueves</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="38"/>
        <source>Friday</source>
        <translation>viernes</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="39"/>
        <source>Saturday</source>
        <translation>sábado</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/hours.py" line="40"/>
        <source>Sunday</source>
        <translation>domingo</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="39"/>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/staff.py" line="40"/>
        <source>Reception</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <location filename="../../ui/desk/setup/common.py" line="294"/>
        <location filename="../../ui/desk/setup/staff.py" line="41"/>
        <source>Provider</source>
        <translation>Profesional</translation>
    </message>
</context>
<context>
    <name>slip</name>
    <message>
        <location filename="../../ui/desk/slip.py" line="57"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="58"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="60"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="61"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="62"/>
        <source>Booking code</source>
        <translation>Código de turno</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="63"/>
        <source>given when this desk reaches the server</source>
        <translation>se asigna cuando este puesto se conecte al servidor</translation>
    </message>
    <message>
        <location filename="../../ui/desk/slip.py" line="64"/>
        <source>When you arrive, scan the QR code or type the booking code at the kiosk.</source>
        <translation>Al llegar, escaneá el código QR o escribí el código de turno en la terminal de autoatención.</translation>
    </message>
</context>
<context>
    <name>waitlist</name>
    <message>
        <location filename="../../ui/desk/waitlist_model.py" line="55"/>
        <source>Days asked</source>
        <translation>Días pedidos</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist_model.py" line="56"/>
        <source>First free</source>
        <translation>Primer libre</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist_model.py" line="105"/>
        <source>anyone</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <location filename="../../ui/desk/waitlist_model.py" line="115"/>
        <source>Nothing free fits yet</source>
        <translation>Todavía no hay un horario libre que sirva</translation>
    </message>
</context>
</TS>
