// The renderer's entry: styles, the first screen's data asked for, then the app into #root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
// The bundled fonts (Latin subsets of Inter and JetBrains Mono), served from 'self' like KaTeX's.
import './styles/fonts.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/sidebar.css';
import './styles/messages.css';
// KaTeX's stylesheet and fonts are bundled files, served from 'self' as the CSP requires.
import 'katex/dist/katex.min.css';
import './styles/markdown.css';
import './styles/settings.css';
import { prefetchFirstScreen } from './state/first-screen';

prefetchFirstScreen();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
