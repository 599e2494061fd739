// The `--vscode-*` variables and <body> classes VS Code gives a webview, for four built-in themes
// (Dark Modern, Light Modern, Dark High Contrast, Light High Contrast). Only the variables the panel
// and vscode-elements read; values as those themes define them.

const FONT = {
  'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"Droid Sans Mono", "monospace", monospace',
};

export const THEMES = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      ...FONT,
      'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', foreground: '#cccccc',
      'descriptionForeground': '#9d9d9d', 'icon-foreground': '#cccccc', focusBorder: '#0078d4',
      'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1', 'button-border': '#ffffff12',
      'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
      'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc', 'panel-border': '#2b2b2b', 'sideBar-background': '#181818',
      'textCodeBlock-background': '#2b2b2b', 'textBlockQuote-background': '#2b2b2b', 'editorWidget-background': '#202020',
      errorForeground: '#f85149', 'editorError-foreground': '#f14c4c', 'editorWarning-foreground': '#cca700', 'editorInfo-foreground': '#3794ff',
      'charts-red': '#f14c4c', 'charts-yellow': '#cca700', 'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-purple': '#b180d7', 'charts-orange': '#d18616',
      'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#be1100',
      'inputValidation-warningBackground': '#352a05', 'inputValidation-warningBorder': '#b89500',
      'inputValidation-infoBackground': '#063b49', 'inputValidation-infoBorder': '#007acc',
      'progressBar-background': '#0078d4', 'toolbar-hoverBackground': '#5a5d5e50', 'testing-iconPassed': '#73c991',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    vars: {
      ...FONT,
      'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', foreground: '#3b3b3b',
      descriptionForeground: '#3b3b3b', 'icon-foreground': '#3b3b3b', focusBorder: '#005fb8',
      'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8', 'button-border': '#0000001a',
      'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
      'textLink-foreground': '#005fb8', 'textLink-activeForeground': '#005fb8', 'panel-border': '#e5e5e5', 'sideBar-background': '#f8f8f8',
      'textCodeBlock-background': '#f8f8f8', 'textBlockQuote-background': '#f8f8f8', 'editorWidget-background': '#f8f8f8',
      errorForeground: '#f85149', 'editorError-foreground': '#e51400', 'editorWarning-foreground': '#bf8803', 'editorInfo-foreground': '#1a85ff',
      'charts-red': '#e51400', 'charts-yellow': '#bf8803', 'charts-blue': '#1a85ff', 'charts-green': '#388a34', 'charts-purple': '#652d90', 'charts-orange': '#d18616',
      'inputValidation-errorBackground': '#f2dede', 'inputValidation-errorBorder': '#be1100',
      'inputValidation-warningBackground': '#f6f5d2', 'inputValidation-warningBorder': '#bf8803',
      'inputValidation-infoBackground': '#d6ecf2', 'inputValidation-infoBorder': '#007acc',
      'progressBar-background': '#005fb8', 'toolbar-hoverBackground': '#b8b8b850', 'testing-iconPassed': '#388a34',
    },
  },
  hc: {
    bodyClass: 'vscode-high-contrast',
    vars: {
      ...FONT,
      'editor-background': '#000000', 'editor-foreground': '#ffffff', foreground: '#ffffff',
      descriptionForeground: '#ffffff', 'icon-foreground': '#ffffff', focusBorder: '#f38518',
      contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518',
      'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df',
      'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff',
      'textLink-foreground': '#21a6ff', 'textLink-activeForeground': '#21a6ff', 'panel-border': '#6fc3df', 'sideBar-background': '#000000',
      'textCodeBlock-background': '#000000', 'textBlockQuote-background': '#000000', 'editorWidget-background': '#0c141f',
      errorForeground: '#f48771', 'editorError-foreground': '#f48771', 'editorWarning-foreground': '#ffd370', 'editorInfo-foreground': '#3794ff',
      'charts-red': '#f48771', 'charts-yellow': '#ffd370', 'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-purple': '#b180d7', 'charts-orange': '#d18616',
      'inputValidation-errorBackground': '#000000', 'inputValidation-errorBorder': '#6fc3df',
      'inputValidation-warningBackground': '#000000', 'inputValidation-warningBorder': '#6fc3df',
      'inputValidation-infoBackground': '#000000', 'inputValidation-infoBorder': '#6fc3df',
      'progressBar-background': '#6fc3df', 'testing-iconPassed': '#73c991',
    },
  },
  hcl: {
    bodyClass: 'vscode-high-contrast vscode-high-contrast-light',
    vars: {
      ...FONT,
      'editor-background': '#ffffff', 'editor-foreground': '#292929', foreground: '#292929',
      descriptionForeground: '#292929', 'icon-foreground': '#292929', focusBorder: '#006bbd',
      contrastBorder: '#0f4a85', contrastActiveBorder: '#006bbd',
      'button-background': '#0f4a85', 'button-foreground': '#ffffff', 'button-border': '#0f4a85',
      'button-secondaryBackground': '#ffffff', 'button-secondaryForeground': '#292929',
      'textLink-foreground': '#0f4a85', 'textLink-activeForeground': '#0f4a85', 'panel-border': '#0f4a85', 'sideBar-background': '#ffffff',
      'textCodeBlock-background': '#f2f2f2', 'textBlockQuote-background': '#f2f2f2', 'editorWidget-background': '#ffffff',
      errorForeground: '#b5200d', 'editorError-foreground': '#b5200d', 'editorWarning-foreground': '#895503', 'editorInfo-foreground': '#0f4a85',
      'charts-red': '#b5200d', 'charts-yellow': '#895503', 'charts-blue': '#0f4a85', 'charts-green': '#374e06', 'charts-purple': '#652d90', 'charts-orange': '#895503',
      'inputValidation-errorBackground': '#ffffff', 'inputValidation-errorBorder': '#b5200d',
      'inputValidation-warningBackground': '#ffffff', 'inputValidation-warningBorder': '#895503',
      'inputValidation-infoBackground': '#ffffff', 'inputValidation-infoBorder': '#0f4a85',
      'progressBar-background': '#0f4a85', 'testing-iconPassed': '#374e06',
    },
  },
};

/** The `style` attribute VS Code writes on <html>. */
export function themeStyle(name) {
  const theme = THEMES[name] ?? THEMES.dark;
  return Object.entries(theme.vars).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ');
}
