/**
 * The page: header, prompt, the first screen (tokens, the model, the next token), the stage row, stepper, the current
 * stage and the experiments.
 */
import { useT } from '../i18n';
import { ModelNotices, ModelPicker } from '../panels/model-picker/ModelPicker';
import { Experiments } from '../panels/experiments/Experiments';
import { RunSwitch } from '../panels/experiments/RunSwitch';
import { CopyLink } from '../panels/share/CopyLink';
import { FirstScreen } from '../first-screen/FirstScreen';
import { Gpt2Offer } from '../first-screen/Gpt2Offer';
import { ParameterTally } from '../panels/tally/ParameterTally';
import { LanguageSwitch } from './LanguageSwitch';
import { ModelStatus } from './ModelStatus';
import { Overview } from './Overview';
import { PromptInput } from './PromptInput';
import { StageFrame } from './StageFrame';
import { Stepper } from './Stepper';
import { ThemeToggle } from './ThemeToggle';
import { TraceNotices } from './TraceNotices';

/** badBackend: a ?backend= value that names no backend (reported, then ignored). */
export function App({ badBackend }: { badBackend?: string }) {
  const t = useT();
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <div className="header-controls">
          <ModelPicker />
          <CopyLink />
          <LanguageSwitch />
          <ThemeToggle />
        </div>
      </header>
      <ModelStatus />
      <ModelNotices />
      <Gpt2Offer />
      {badBackend && (
        <p className="notice" role="status">
          {t('backend.unknown', { name: badBackend })}
        </p>
      )}
      <main>
        <PromptInput />
        <TraceNotices />
        {/* The first screen's numbers are the shown run's: its badge stands above them. */}
        <RunSwitch toggle={false} />
        <FirstScreen />
        <Overview />
        <Stepper />
        <ParameterTally />
        <StageFrame />
        <Experiments />
      </main>
    </div>
  );
}
