import { CloseCircleFilled, CloseOutlined, LoadingOutlined, SearchOutlined } from '@ant-design/icons';
import { T } from './text.ts';

/*
 * The library's icons name themselves in English for screen readers ("close", "search"): every
 * icon the console shows is one of these, labelled in Vietnamese or hidden when its button says it.
 */

/** allowClear of a Select or an Input: the clearing button named in Vietnamese (by its icon's label). */
export const CLEARABLE = { clearIcon: <CloseCircleFilled aria-label={T.clear} />, label: T.clear };

export const CloseIcon = () => <CloseOutlined aria-hidden />;
export const SearchIcon = () => <SearchOutlined aria-hidden />;
export const ErrorIcon = () => <CloseCircleFilled aria-hidden />;
/** Every button's and select's busy spinner, set once for the whole console (antd's announces "loading"). */
export const LoadingIcon = <LoadingOutlined aria-hidden />;
