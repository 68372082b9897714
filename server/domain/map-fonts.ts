/**
 * Fonts for map labels, tried in order. The basemap style has no glyph server, so MapLibre
 * draws labels with these local fonts; Noto Sans CJK is what the Debian image has, PingFang and
 * YaHei are what phones and desktops in China have. Shared by the served style and the web app.
 */
const FAMILIES = ['Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei']

/** For a style's `text-font`. */
export const LABEL_FONTS = [...FAMILIES, 'sans-serif']
export const LABEL_FONTS_BOLD = [...FAMILIES.map((f) => `${f} Bold`), 'sans-serif']
/** The same as a CSS font-family list (canvas text, localIdeographFontFamily). */
export const LABEL_FONT_CSS = LABEL_FONTS.join(', ')
