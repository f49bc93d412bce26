import { render } from 'preact';
import '../../components/card.css';
import './style.css';
import { App } from './App';

render(<App />, document.getElementById('app')!);
