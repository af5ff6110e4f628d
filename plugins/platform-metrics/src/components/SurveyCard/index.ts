export { SurveyCard, isSurveyHidden } from './SurveyCard';
