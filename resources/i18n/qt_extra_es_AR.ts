<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!--
  Qt's own dialogs, in the Spanish of Argentina, where Qt's Spanish (qtbase_es.qm, loaded
  before this file) is missing a string or says it the Spanish way ("fichero"). Qt
  changed some of these strings (an added "&") after its translators last looked, so
  the current file and print dialogs showed them in English.

  Written by hand: lupdate does not see Qt's sources. Contexts and sources are Qt's
  exact ones (the class, and the text as libQt6Widgets / libQt6PrintSupport ask for it).
  `make translations` compiles it to qt_extra_es_AR.qm; ui/common/i18n.py loads it.
-->
<TS version="2.1" language="es_AR" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Buscar en:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Nombre del archivo:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Tipo de archivo:</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Double Sided Printing</source>
        <translation>Impresión doble faz</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Long side binding</source>
        <translation>Encuadernado por el lado largo</translation>
    </message>
    <message>
        <source>Short side binding</source>
        <translation>Encuadernado por el lado corto</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>Page &amp;Set:</source>
        <translation>&amp;Conjunto de páginas:</translation>
    </message>
    <message>
        <source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source>
        <translation>Indicá páginas o rangos separados por comas; un rango son dos números unidos por un guion. Por ejemplo: 3,5-7,9 imprime las páginas 3, 5, 6, 7 y 9.</translation>
    </message>
</context>
<context>
    <name>QPrintWidget</name>
    <message>
        <source>Output &amp;file:</source>
        <translation>&amp;Archivo de salida:</translation>
    </message>
</context>
</TS>
